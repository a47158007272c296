// One discv5 PING from ChainSafe's implementation, as a reference beside `waypost ping` in
// bench/cli.sh (go-ethereum's `devp2p discv5 ping` cannot be built here: see docs/benchmarks.md).
// Usage: node ping.mjs ENR
// Starts a node on a free loopback port, PINGs the record, prints
//   {"rttMillis":N,"enrSeq":"N"}
// and exits 0; exits 1 with a message on stderr if no PONG comes within 2 s, 2 on bad usage.
import { Discv5 } from '@chainsafe/discv5';
import { ENR, SignableENR } from '@chainsafe/enr';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { multiaddr } from '@multiformats/multiaddr';

const text = process.argv[2];
if (!text || !text.startsWith('enr:')) {
  process.stderr.write('usage: node ping.mjs ENR (an enr: record)\n');
  process.exit(2);
}
let remote;
try {
  remote = ENR.decodeTxt(text);
} catch (e) {
  process.stderr.write(`not a valid ENR: ${e.message}\n`);
  process.exit(2);
}

const privateKey = await generateKeyPair('secp256k1');
const enr = SignableENR.createFromPrivateKey(privateKey);
const discv5 = Discv5.create({
  enr,
  privateKey,
  bindAddrs: { ip4: multiaddr('/ip4/127.0.0.1/udp/0') },
  config: { enrUpdate: false, requestTimeout: 2000, requestRetries: 0 },
});
await discv5.start();
const started = process.hrtime.bigint();
try {
  const pong = await discv5.sendPing(remote);
  const rttMillis = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ rttMillis, enrSeq: String(pong.enrSeq) }) + '\n');
  await discv5.stop();
  process.exit(0);
} catch (e) {
  process.stderr.write(`no answer: ${e.message ?? e}\n`);
  await discv5.stop();
  process.exit(1);
}
