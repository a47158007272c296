#!/usr/bin/env node
// forge expects a native solc binary; this shim gives it one backed by the pinned solc-js from npm,
// so the build never downloads a compiler. It answers only what forge asks of it: `--version` and
// `--standard-json` (input on stdin, output on stdout). Path flags are ignored: forge passes
// every source inline in the standard-json input.
'use strict';
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  // forge parses the "Version: x.y.z+commit..." line.
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write(`solc-shim: only --version and --standard-json are supported, got: ${args.join(' ')}\n`);
  process.exit(2);
}
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const output = solc.compile(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(output);
});
