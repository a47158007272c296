#!/usr/bin/env node
// Runs `npm ci` in a Node package folder (contracts/ by default, or the folder given as the first
// argument, e.g. interop/discv5-js) only when node_modules does not match package-lock.json, so
// that repeated Maven builds stay fast and offline once the packages are installed.
'use strict';
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = process.argv[2] ? path.resolve(process.argv[2]) : path.resolve(__dirname, '..');
const name = path.basename(root);
const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = path.join(root, 'node_modules', '.waypost-lock-sha256');

const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  console.log(`${name}: node_modules matches package-lock.json, skipping npm ci`);
  process.exit(0);
}
console.log(`${name}: installing its packages with npm ci`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(stamp, wanted + '\n');
