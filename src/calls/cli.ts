// Placeholder until the calls command is built; it exits with a usage error.
export async function runCallsSimulate(..._args: unknown[]): Promise<number> { process.stderr.write('gatehouse: not built yet\n'); return 2; }
export async function runCallsQa(..._args: unknown[]): Promise<number> { process.stderr.write('gatehouse: not built yet\n'); return 2; }
