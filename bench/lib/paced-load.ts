// An open-loop load at a steady rate: request i is due at start + i / rate, and its latency is
// counted from that due time, not from when a connection was free to send it (so a stalled server
// cannot hide its backlog: the coordinated-omission correction wrk2 makes). autocannon's
// `overallRate` instead sends each second's quota as a burst at the start of the second and waits
// out the rest, which measures a burst of that size, not a rate.
import { Agent, request } from 'node:http';

export interface PacedResult {
  /** 2xx responses per second of the run */
  rps: number;
  total: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

export async function pacedLoad(url: string, headers: Record<string, string>, body: () => string, rate: number, seconds: number): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const target = new URL(url);
  const latencies: number[] = [];
  const slow: string[] = [];
  let ok = 0;
  let errors = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const payload = body();
      const req = request(
        { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            const latency = performance.now() - due;
            latencies.push(latency);
            if (process.env.BENCH_TRACE && latency > 30) slow.push(`${((due - start) / 1000).toFixed(2)}s:${latency.toFixed(0)}ms`);
            if (res.statusCode! >= 200 && res.statusCode! < 300) ok += 1;
            else errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(payload);
    });
  const count = Math.round(rate * seconds);
  let start = 0;
  const inFlight: Array<Promise<void>> = [];
  start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  if (slow.length) console.log(`  slow (> 30 ms) at: ${slow.join(' ')}`);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return { rps: ok / seconds, total: ok, errors, p50: at(0.5), p99: at(0.99), max: at(1) };
}
