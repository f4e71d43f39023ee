/**
 * A CSV file to download. It starts with a UTF-8 byte-order mark: without one, Excel opens
 * the file in the system's code page and "José" reads "JosÃ©". (Readers that decode UTF-8, as
 * `Response.text()` does, drop the mark.)
 */
export function csvDownload(body: string, fileName: string): Response {
  return new Response(`\uFEFF${body}`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
