/**
 * Trusting the profile's extra CA (the simulator's self-signed certificate, or a private endpoint's
 * corporate CA) for OUR connections only.
 *
 * Not NODE_TLS_REJECT_UNAUTHORIZED (turns verification off for everything), not NODE_EXTRA_CA_CERTS
 * (read once at process start, so `--demo` could not set it) and not `tls.setDefaultCACertificates`
 * (process-wide: every other connection would trust the simulator's key too). Instead one
 * `https.Agent` whose `ca` is Node's default store plus the profile PEM, used by the HttpClient
 * that @azure/identity (sign-in), the shared pipeline and the Graph client's transport all share.
 */
import https from 'node:https';
import tls from 'node:tls';
import { createDefaultHttpClient, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { ResolvedProfile } from '../config/types.js';

/** Node's default trust store (bundled + NODE_EXTRA_CA_CERTS + system where enabled) plus `pem`. */
export function caBundleWith(pem: string): string[] {
  // tls.getCACertificates exists from Node 22.15/23.5; fall back to the bundled roots elsewhere.
  const getter = (tls as unknown as { getCACertificates?: (type?: string) => string[] }).getCACertificates;
  const base = typeof getter === 'function' ? getter('default') : [...tls.rootCertificates];
  return [...base, pem];
}

/**
 * An HttpClient that trusts `profile.caCertPem` in addition to the default CAs (or the plain
 * default client when the profile has no extra CA). Give it to @azure/identity credentials as
 * `httpClient` (see `trustOptions`) and to `createApiClients` (done internally).
 *
 * Limitation: when HTTPS_PROXY applies to a request, the proxy policy installs its own agent and
 * the extra CA is not used for that request; overridden endpoints (simulator, private endpoints)
 * are normally reached directly — list them in NO_PROXY.
 */
export function createHttpClient(profile: Pick<ResolvedProfile, 'caCertPem'>): HttpClient {
  const inner = createDefaultHttpClient();
  const pem = profile.caCertPem;
  if (!pem) return inner;
  // One secure context built once, not `ca` on the agent: https.Agent.getName() concatenates its
  // `ca` option into the pool key on every request (addRequest, createSocket, removeSocket). With
  // the default store plus the PEM that is a ~400 KB string three times per request (~0.75 s and
  // ~1 GB of garbage over the ~1,050 pages of a large tenant's full load), and tls.connect would
  // parse all ~270 certificates again for each new socket. `secureContext` is not part of the key:
  // every socket of this agent shares the one context anyway. Built on the first request, not here:
  // it takes 25–40 ms, and clients are created before anything is sent.
  let agent: https.Agent | undefined;
  return {
    sendRequest(request: PipelineRequest) {
      if (!request.agent && request.url.startsWith('https:')) {
        agent ??= new https.Agent({ secureContext: tls.createSecureContext({ ca: caBundleWith(pem) }), keepAlive: true });
        request.agent = agent;
      }
      return inner.sendRequest(request);
    },
  };
}

/** Options to spread into any @azure/identity credential so sign-in trusts the same CA. */
export function trustOptions(profile: Pick<ResolvedProfile, 'caCertPem'>): { httpClient?: HttpClient } {
  return profile.caCertPem ? { httpClient: createHttpClient(profile) } : {};
}
