#!/usr/bin/env node
// Runs `npm ci` in contracts/ only when node_modules does not match package-lock.json, so that
// repeated Maven builds stay fast and offline once the toolchain is installed.
'use strict';
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
const wanted = createHash('sha256').update(lock).digest('hex');
const stamp = path.join(root, 'node_modules', '.waypost-lock-sha256');

const have = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  console.log('contracts: node_modules matches package-lock.json, skipping npm ci');
  process.exit(0);
}
console.log('contracts: installing the Foundry and solc toolchain with npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(stamp, wanted + '\n');
