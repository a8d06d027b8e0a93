// The ONNX export in a second runtime: ONNX Runtime (the runtime Triton's ONNX backend uses),
// from the npm package onnxruntime-node. Runs OUT_DIR/model.onnx on the inputs of
// OUT_DIR/reference.json (tests/onnx_reference.cpp) and checks every output against LibTorch's:
// probabilities and calibrated probabilities within 1e-4, the descriptor within 1e-4 of
// max(1, |value|), and the defect map within 1e-4 (its box distances relative, as the
// descriptor) when the reference has one.
//   node onnxruntime_check.js OUT_DIR NODE_MODULES_DIR
const path = require('path');
const fs = require('fs');
const [dir, modules] = process.argv.slice(2);
const ort = require(path.join(modules, 'onnxruntime-node'));

(async () => {
  const ref = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8'));
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'),
                                                    {intraOpNumThreads: 1});
  const image = new ort.Tensor('float32', Float32Array.from(ref.inputs), ref.shape);
  const out = await session.run({image});
  let failed = false;
  const names = ['probabilities', 'calibrated_probabilities', 'descriptor'];
  if (ref.defect_map) names.push('defect_map');  // [N,1,m,m], compared flattened
  if (ref.defect_boxes) names.push('defect_boxes');  // [N,4,m,m], relative as the descriptor
  for (const name of names) {
    const want = ref[name];
    const got = out[name];
    if (!got) {
      console.log(`${name}: missing from the ONNX outputs (${Object.keys(out).join(', ')})`);
      failed = true;
      continue;
    }
    const width = want[0].length;
    const gotWidth = got.dims.slice(1).reduce((a, b) => a * b, 1);
    if (got.dims[0] !== want.length || gotWidth !== width) {
      console.log(`${name}: shape ${got.dims} instead of ${want.length}x${width}`);
      failed = true;
      continue;
    }
    let worst = 0;
    for (let i = 0; i < want.length; ++i)
      for (let k = 0; k < width; ++k) {
        const w = want[i][k];
        const d = Math.abs(got.data[i * width + k] - w) /
                  (name === 'descriptor' || name === 'defect_boxes' ? Math.max(1, Math.abs(w)) : 1);
        worst = Math.max(worst, d);
      }
    console.log(`${name}: ${want.length} images, largest difference ${worst.toExponential(2)}`);
    if (!(worst <= 1e-4)) failed = true;
  }
  console.log(failed ? 'ONNX Runtime differs from LibTorch' : 'ONNX Runtime matches LibTorch');
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.log(`ONNX Runtime could not run the export: ${e.message}`);
  process.exit(1);
});
