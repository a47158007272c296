// A second, independent implementation of docs/requests.md, in JavaScript with the noble libraries
// and Node's own AES-GCM: it reads the spec's known-answer vectors, recomputes the envelope from the
// stated inputs, opens the stream's chunks and checks every signature against the node's key.
// Prints "vectors ok" and exits 0, or names the first value that differs and exits 1.
import { readFileSync } from 'node:fs';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';
import { sha256 } from '@noble/hashes/sha2';
import { hkdf } from '@noble/hashes/hkdf';

const spec = readFileSync(process.argv[2], 'utf8');
const block = spec.split('```vectors\n')[1].split('\n```')[0];
const v = Object.fromEntries(
  block.split('\n').map((line) => {
    const i = line.indexOf(':');
    return [line.slice(0, i).trim(), Buffer.from(line.slice(i + 1).trim(), 'hex')];
  }),
);

const ascii = (s) => Buffer.from(s, 'ascii');
const cat = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const u64 = (n) => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; };
function expect(name, actual) {
  if (!Buffer.from(actual).equals(v[name])) {
    console.log(`${name} differs: spec ${v[name].toString('hex')}, computed ${Buffer.from(actual).toString('hex')}`);
    process.exit(1);
  }
}
function gcm(key, nonce, aad, data, decrypt) {
  if (decrypt) {
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(aad);
    d.setAuthTag(data.subarray(data.length - 16));
    return cat(d.update(data.subarray(0, data.length - 16)), d.final());
  }
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return cat(c.update(data), c.final(), c.getAuthTag());
}
function signer(digest, signature) {
  const vByte = signature[64];
  if (vByte !== 27 && vByte !== 28) throw new Error(`v is ${vByte}, not 27 or 28`);
  const sig = secp256k1.Signature.fromCompact(signature.subarray(0, 64)).addRecoveryBit(vByte - 27);
  return Buffer.from(sig.recoverPublicKey(digest).toRawBytes(false)).subarray(1);
}

// Inputs, as docs/requests.md states them.
const nodeSecret = Buffer.alloc(32, 1);
const ephemeralSecret = Buffer.alloc(32, 2);
const nonce = Buffer.alloc(12, 3);
const timestamp = 1764000000000n;
const request = ascii('messages for 0xabcd');

const nodePublicKey = Buffer.from(secp256k1.getPublicKey(nodeSecret, false)).subarray(1);
expect('node public key', nodePublicKey);
const nodeId = keccak_256(nodePublicKey);
expect('node id', nodeId);
const ephemeralKey = Buffer.from(secp256k1.getPublicKey(ephemeralSecret, true));
expect('ephemeral key', ephemeralKey);
const shared = Buffer.from(secp256k1.getSharedSecret(ephemeralSecret, cat([4], nodePublicKey), true)).subarray(1);
expect('shared secret', shared);
expect('request', request);
const label = ascii('waypost-request/1');
const keys = Buffer.from(hkdf(sha256, shared, nodeId, cat(label, ephemeralKey), 64));
expect('key_req', keys.subarray(0, 32));
expect('key_resp', keys.subarray(32));
const header = cat([1], ephemeralKey, u64(timestamp));
const aad = cat(label, header, nodeId);
const envelope = cat(header, nonce, gcm(keys.subarray(0, 32), nonce, aad, request, false));
expect('envelope', envelope);
const requestHash = keccak_256(envelope);
expect('request hash', requestHash);

// The stream: two chunks and the end frame.
const keyResp = keys.subarray(32);
const frames = [v['chunk 0 frame'], v['chunk 1 frame']];
let answer = Buffer.alloc(0);
frames.forEach((frame, i) => {
  if (frame[0] !== 2 || frame.readUInt32BE(1) !== frame.length - 5) throw new Error(`chunk ${i} frame header`);
  const chunkNonce = cat(Buffer.alloc(4), u64(i));
  answer = cat(answer, gcm(keyResp, chunkNonce, cat(ascii('waypost-chunk/1'), requestHash), frame.subarray(5), true));
});
if (answer.toString('ascii') !== 'hello world') throw new Error(`answer is "${answer}"`);
const end = v['end frame'];
if (end[0] !== 3 || end.readUInt32BE(1) !== 81) throw new Error('end frame header');
const chunks = end.readBigUInt64BE(5);
const length = end.readBigUInt64BE(13);
if (chunks !== 2n || length !== 11n) throw new Error(`end says ${chunks} chunks, ${length} bytes`);
const transcript = keccak_256(cat(frames[0].subarray(5), frames[1].subarray(5)));
const endDigest = keccak_256(cat(ascii('waypost-stream/1'), requestHash, u64(chunks), u64(length), transcript));
if (!signer(endDigest, end.subarray(21)).equals(nodePublicKey)) throw new Error('end not signed by the node');

const refusal = v['refusal frame'];
if (refusal[0] !== 4 || refusal.readUInt32BE(1) !== refusal.length - 5) throw new Error('refusal frame header');
const reason = refusal.subarray(5, refusal.length - 65);
if (reason.toString('utf8') !== 'the node is busy; try again shortly') throw new Error(`reason "${reason}"`);
const refusalDigest = keccak_256(cat(ascii('waypost-refusal/1'), requestHash, reason));
if (!signer(refusalDigest, refusal.subarray(refusal.length - 65)).equals(nodePublicKey)) throw new Error('refusal not signed by the node');

// The TALKRESP answer: version, status, nonce, body, signature; body length = total - 79.
const talk = v['talkresp answer'];
if (talk[0] !== 1 || talk[1] !== 0) throw new Error('talkresp version or status');
const talkNonce = talk.subarray(2, 14);
const body = talk.subarray(14, talk.length - 65);
const responseLabel = ascii('waypost-response/1');
const talkDigest = keccak_256(cat(responseLabel, requestHash, [0], talkNonce, body));
if (!signer(talkDigest, talk.subarray(talk.length - 65)).equals(nodePublicKey)) throw new Error('talkresp not signed by the node');
const talkAnswer = gcm(keyResp, talkNonce, cat(responseLabel, requestHash), body, true);
if (talkAnswer.toString('ascii') !== 'hello world') throw new Error(`talkresp answer "${talkAnswer}"`);

console.log('vectors ok');
