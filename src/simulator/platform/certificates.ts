/**
 * Key material the simulator generates at start (never shipped, never written unless the CLI
 * saves the CA for NODE_EXTRA_CA_CERTS):
 * - the TLS certificate for 127.0.0.1, ::1 and localhost — self-signed, so it is its own CA and
 *   `caCertPem` is the certificate itself (EC P-256: generation takes milliseconds);
 * - the token-signing key published in the JWKS (RSA: tokens are RS256 like Entra ID's);
 * - the app registration's client certificate, for ClientCertificateCredential sign-in (RSA:
 *   msal-node signs client assertions with RS256/PS256).
 * The three are generated in parallel; together well under a second.
 */
import { generate } from 'selfsigned';
import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

export interface CertifiedKey {
  certPem: string;
  privateKeyPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64url SHA-1 of the DER certificate: the JWT `x5t` header / JWKS `x5t`. */
  x5t: string;
  /** base64url SHA-256 of the DER certificate: the JWT `x5t#S256` header. */
  x5tS256: string;
  /** Standard base64 DER, as in a JWKS `x5c` entry. */
  derBase64: string;
}

export interface SimulatorCertificates {
  tls: CertifiedKey;
  tokenSigning: CertifiedKey;
  clientApp: CertifiedKey;
}

export async function generateSimulatorCertificates(): Promise<SimulatorCertificates> {
  const validFrom = new Date(Date.now() - 60 * 60_000); // tolerate small clock skew between processes
  const validTo = new Date(validFrom.getTime() + 365 * 24 * 3_600_000);
  const [tls, tokenSigning, clientApp] = await Promise.all([
    generate([{ name: 'commonName', value: 'mde-console tenant simulator (localhost)' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: validFrom,
      notAfterDate: validTo,
      extensions: [
        // cA: the certificate is the trust anchor clients load (NODE_EXTRA_CA_CERTS / tlsSettings.ca).
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
      ],
    }),
    generate([{ name: 'commonName', value: 'mde-console simulator token signing' }], { keySize: 2048, algorithm: 'sha256', notBeforeDate: validFrom, notAfterDate: validTo }),
    generate([{ name: 'commonName', value: 'mde-console simulator app' }], { keySize: 2048, algorithm: 'sha256', notBeforeDate: validFrom, notAfterDate: validTo }),
  ]);
  return { tls: certified(tls.cert, tls.private), tokenSigning: certified(tokenSigning.cert, tokenSigning.private), clientApp: certified(clientApp.cert, clientApp.private) };
}

function certified(certPem: string, privateKeyPem: string): CertifiedKey {
  const x509 = new X509Certificate(certPem);
  return {
    certPem,
    privateKeyPem,
    privateKey: createPrivateKey(privateKeyPem),
    publicKey: x509.publicKey,
    x5t: createHash('sha1').update(x509.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(x509.raw).digest('base64url'),
    derBase64: x509.raw.toString('base64'),
  };
}
