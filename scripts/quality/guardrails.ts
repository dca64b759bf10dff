// `npm run quality -- guardrails`: recall and precision of guard() per finding type on the labelled
// corpus (datasets/guardrails). `--misses` lists every miss and false positive.
import { evaluate, loadCorpus } from '../../datasets/guardrails/evaluate.ts';

const report = evaluate(loadCorpus());
const pct = (x: number) => `${(x * 100).toFixed(2)} %`.padStart(9);
console.log(`guardrails corpus: ${report.samples} texts`);
console.log(`${'type'.padEnd(18)} ${'expected'.padStart(8)} ${'recall'.padStart(9)} ${'predicted'.padStart(9)} ${'precision'.padStart(9)}`);
for (const [type, s] of Object.entries(report.byType).sort()) {
  console.log(`${type.padEnd(18)} ${String(s.expected).padStart(8)} ${pct(s.recall)} ${String(s.predicted).padStart(9)} ${pct(s.precision)}`);
}
const pii = ['email', 'phone', 'credit_card', 'ssn', 'ip_address'].map((t) => report.byType[t]).filter(Boolean);
const sum = (k: 'expected' | 'found' | 'predicted' | 'correct') => pii.reduce((n, s) => n + s[k], 0);
console.log(`${'PII (all types)'.padEnd(18)} ${String(sum('expected')).padStart(8)} ${pct(sum('found') / sum('expected'))} ${String(sum('predicted')).padStart(9)} ${pct(sum('correct') / sum('predicted'))}`);
const show = process.argv.includes('--misses') ? report.misses : report.misses.slice(0, 15);
if (show.length) console.log(`\n${report.misses.length} misses/false positives${show.length < report.misses.length ? ` (first ${show.length}; --misses for all)` : ''}:`);
for (const m of show) console.log(`  ${m.kind.padEnd(14)} ${m.type.padEnd(15)} ${JSON.stringify(m.span)}  in ${m.id}: ${JSON.stringify(m.text)}`);
