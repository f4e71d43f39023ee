import "server-only";
import { getBoss, queues } from "@/lib/jobs/boss";
import { wakeAgentWorkers } from "./agent-worker";

/**
 * Sends the job that answers a turn, after the turn's transaction committed. The job's id is
 * the customer message's id, so sending twice queues it once; if sending fails the worker's
 * sweep finds the pending turn and sends it again.
 */
export async function enqueueAgentTurn({
  key,
  messageId,
}: {
  key: string;
  messageId: string;
}): Promise<void> {
  try {
    const boss = await getBoss();
    await boss.send(queues.agentReply, { turnKey: key }, { id: messageId });
    await wakeAgentWorkers(boss);
  } catch (error) {
    console.error(`[agents] could not queue ${key}; the sweep will retry`, error);
  }
}
