#!/usr/bin/env node
// Copies a contract's ABI and creation bytecode out of forge's artifact into the files web3j's
// code generator reads: <out>/<Name>.abi and <out>/<Name>.bin. The ABI JSON also goes into the
// jar (under <resources>) so that core can decode the contract's custom errors by name.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [name, outDir, resourcesDir] = process.argv.slice(2);
if (!name || !outDir || !resourcesDir) {
  console.error('usage: export-abi.cjs <ContractName> <outDir> <resourcesDir>');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const artifact = path.join(root, 'out', `${name}.sol`, `${name}.json`);
if (!fs.existsSync(artifact)) {
  console.error(`export-abi: ${artifact} is missing; run forge build first`);
  process.exit(1);
}
const json = JSON.parse(fs.readFileSync(artifact, 'utf8'));
const bytecode = json.bytecode && json.bytecode.object;
if (!bytecode || bytecode === '0x') {
  console.error(`export-abi: ${artifact} has no bytecode`);
  process.exit(1);
}
const abi = JSON.stringify(json.abi, null, 2);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, `${name}.abi`), abi);
fs.writeFileSync(path.join(outDir, `${name}.bin`), bytecode.replace(/^0x/, ''));
fs.mkdirSync(resourcesDir, { recursive: true });
fs.writeFileSync(path.join(resourcesDir, `${name}.abi.json`), abi);
console.log(`export-abi: ${name} -> ${outDir}`);
