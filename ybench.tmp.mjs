import { readFileSync } from 'node:fs';
import * as Y from 'yaml';
const src = readFileSync(process.argv[2], 'utf8');
const mode = process.argv[3];
const realEnv = process.env; process.env = { ...realEnv };
const t0 = performance.now();
let n = 0;
if (mode === 'lex') { for (const t of new Y.Lexer().lex(src)) n++; }
else if (mode === 'cst') { for (const t of new Y.Parser().parse(src)) n++; }
else if (mode === 'doc') { const d = Y.parseDocument(src); n = d.errors.length; }
else if (mode === 'docjs') { const d = Y.parseDocument(src); const js = d.toJS(); n = Object.keys(js).length; }
else if (mode === 'parse') { const js = Y.parse(src); n = Object.keys(js).length; }
else if (mode === 'json') { const js = JSON.parse(JSON.stringify(Y.parse(src))); const t1=performance.now(); JSON.parse(JSON.stringify(js)); console.log('json roundtrip', (performance.now()-t1).toFixed(1)); }
console.log(mode, (performance.now() - t0).toFixed(1), 'ms', n);
