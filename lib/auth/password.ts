import "server-only";
import bcrypt from "bcryptjs";

const COST = 11;
// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
const UNKNOWN_USER_HASH = "$2b$11$/HT0N5kA6t4eppUjtVX6neynr5tdv.IUtgoxOJ45YbIilB40IeH8y";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? UNKNOWN_USER_HASH);
  return hash !== null && matches;
}
