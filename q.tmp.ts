import { generateKeyPairSync } from 'node:crypto';
import { asapSigner } from './packages/runtime/src/auth/asap.ts';
import { fixedContext, makeRequest } from './packages/runtime/src/auth/testing.ts';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const der = privateKey.export({ format: 'der', type: 'pkcs1' }).toString('base64');
const dataUri = `data:application/pkcs8;kid=svc%2Fkey1;base64,${der}`;
const r = makeRequest('GET','http://h/');
asapSigner.sign({ kid: 'svc/key1', iss: 'svc', aud: 'api', privateKey: dataUri }, r, fixedContext()).then(() => console.log(r.headers), (e) => console.log(e, e.cause));
