// Placeholder until the service command is built; it exits with a usage error.
export async function runServe(..._args: unknown[]): Promise<number> { process.stderr.write('gatehouse: not built yet\n'); return 2; }
