/** What a benchmark reads of one process's `/proc/<pid>/stat` line (Linux). */
export interface ProcStat {
  /** The command name (`postgres`, `node`, ...). */
  command: string;
  /** CPU time used so far, user and system, in milliseconds. */
  cpuMs: number;
}

/**
 * Parses a `/proc/<pid>/stat` line. The command sits in parentheses and may hold spaces, so the
 * fields are counted after the last one: utime and stime are the 12th and 13th there (fields 14
 * and 15 of the line), in clock ticks of 10 ms (USER_HZ 100 on Linux everywhere).
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const fields = line.slice(close + 2).split(' ');
  return {
    command: line.slice(line.indexOf('(') + 1, close),
    cpuMs: (Number(fields[11]) + Number(fields[12])) * 10,
  };
}
