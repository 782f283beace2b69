/**
 * A reader that stops early — `weft translate ... | head -1` — closes the pipe, and the
 * next write fails with EPIPE. That is the reader's choice, not a failure of the command:
 * the rest of the output is dropped quietly and the command ends with its own exit
 * status, instead of dying on an unhandled 'error' event with a stack trace.
 */

/** Codes of a write to a pipe or socket whose other end is gone. */
const GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

/** A writer to `stream` that turns silent once its reader has closed it. */
export function writerToClosable(stream: NodeJS.WritableStream): (text: string) => void {
  let gone = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== undefined && GONE.has(error.code)) {
      gone = true;
      return;
    }
    throw error;
  });
  return (text) => {
    if (!gone) stream.write(text);
  };
}
