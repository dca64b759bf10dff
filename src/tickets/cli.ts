// Placeholder until the tickets command is built; it exits with a usage error.
export async function runSimulate(..._args: unknown[]): Promise<number> { process.stderr.write('gatehouse: not built yet\n'); return 2; }
export async function runReplay(..._args: unknown[]): Promise<number> { process.stderr.write('gatehouse: not built yet\n'); return 2; }
