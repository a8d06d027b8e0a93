// A reference for the native engine's batch-1 network time (issue 22): the same model's ONNX
// export (`sdd export --onnx`) in ONNX Runtime (npm onnxruntime-node, which tools/setup.sh
// installs into build/node), one image at a time on one thread. The time includes the node
// binding's per-call overhead (a few microseconds); the outputs asked for are the ones a
// decision needs: probabilities and the unknown score's descriptor.
//   node bench/onnxruntime_latency.js MODEL.onnx [NODE_MODULES_DIR] [RUNS]
const path = require('path');
const [model, modules = 'build/node/node_modules', runs = '3000'] = process.argv.slice(2);
if (!model) {
  console.log('usage: node bench/onnxruntime_latency.js MODEL.onnx [NODE_MODULES_DIR] [RUNS]');
  process.exit(2);
}
const ort = require(path.resolve(modules, 'onnxruntime-node'));

(async () => {
  const session = await ort.InferenceSession.create(model, {intraOpNumThreads: 1,
                                                            interOpNumThreads: 1});
  const size = Number(process.env.SDD_INPUT_SIZE || 50);
  const data = new Float32Array(3 * size * size);
  for (let i = 0; i < data.length; ++i) data[i] = Math.sin(i * 0.37);  // a texture, not zeros
  const image = new ort.Tensor('float32', data, [1, 3, size, size]);
  const fetches = ['probabilities', 'descriptor'].filter((n) => session.outputNames.includes(n));
  for (let i = 0; i < 200; ++i) await session.run({image}, fetches);  // warm up
  const ms = [];
  for (let i = 0; i < Number(runs); ++i) {
    const t = process.hrtime.bigint();
    await session.run({image}, fetches);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  console.log(`ONNX Runtime ${ort.env.versions ? ort.env.versions.common : ''}, 1 thread, ` +
              `${runs} runs of [1,3,${size},${size}] -> ${fetches.join(', ')}: ` +
              `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms`);
})().catch((e) => {
  console.log(`ONNX Runtime could not run ${model}: ${e.message}`);
  process.exit(1);
});
