// trace-engine.mjs - load a trace file with the trace engine of Chrome's
// DevTools (its Performance panel), and print what it found: one line per
// thread track, "PID TID NAME SLICES". Used by tests/record.bats.
//   node tests/trace-engine.mjs ENGINE-DIR TRACE-FILE
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';

const [engineDir, traceFile] = process.argv.slice(2);
const Trace = await import(url.pathToFileURL(
    path.join(engineDir, 'models/trace/trace.js')).href);
// The engine expects a browser's DOMRect; a plain one will do.
globalThis.DOMRect ??= class {
  constructor(x = 0, y = 0, width = 0, height = 0) {
    Object.assign(this, {x, y, width, height});
  }
};
const events = JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents;
const model = Trace.TraceModel.Model.createWithAllHandlers();
await model.parse(events);
const data = model.parsedTrace().data;
for (const [pid, proc] of data.Renderer.processes) {
  for (const [tid, thread] of proc.threads) {
    console.log(`${pid} ${tid} ${thread.name} ${thread.entries.length}`);
  }
}
