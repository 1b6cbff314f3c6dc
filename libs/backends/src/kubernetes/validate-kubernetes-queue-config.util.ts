import { QueueConfigException } from '../queue-config.exception';
import type { KubernetesQueueConfig } from './kubernetes-queue-config';
import { DNS_1123_LABEL, LABEL_VALUE } from './kubernetes-names.constant';

const KNOWN_FIELDS = ['namespace', 'nodeSelector', 'serviceAccount'];
// A label key: an optional DNS subdomain prefix and '/', then a name like a label value.
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function field(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

function optionalMatching(value: unknown, path: string, pattern: RegExp, what: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new QueueConfigException(path, `must be ${what}`);
  }
  return value;
}

function optionalNodeSelector(value: unknown, path: string): Record<string, string> | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QueueConfigException(path, 'must be an object of label names to values');
  }
  for (const [key, label] of Object.entries(value)) {
    if (!LABEL_KEY.test(key)) {
      throw new QueueConfigException(`${path}.${key}`, 'is not a valid label name');
    }
    if (typeof label !== 'string' || !LABEL_VALUE.test(label)) {
      throw new QueueConfigException(`${path}.${key}`, 'must be a label value (at most 63 of A-Z a-z 0-9 - _ .)');
    }
  }
  return value as Record<string, string>;
}

/**
 * Checks an untrusted value (a queue's `backend_config`) and returns it as a `KubernetesQueueConfig`.
 * Throws a `QueueConfigException` naming the field under `path`, e.g.
 * `queue 7 backendConfig.namespace must be a DNS-1123 label …`.
 */
export function validateKubernetesQueueConfig(value: unknown, path = ''): KubernetesQueueConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new QueueConfigException(path === '' ? 'backendConfig' : path, 'must be an object');
  }
  const c = value as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!KNOWN_FIELDS.includes(key)) {
      throw new QueueConfigException(field(path, key), `is not a known field (known: ${KNOWN_FIELDS.join(', ')})`);
    }
  }
  const namespace = optionalMatching(
    c.namespace,
    field(path, 'namespace'),
    DNS_1123_LABEL,
    'a DNS-1123 label (at most 63 of a-z 0-9 -, alphanumeric at both ends)',
  );
  const serviceAccount = optionalMatching(
    c.serviceAccount,
    field(path, 'serviceAccount'),
    DNS_1123_SUBDOMAIN,
    'a DNS-1123 subdomain (a-z 0-9 - ., alphanumeric at both ends)',
  );
  const nodeSelector = optionalNodeSelector(c.nodeSelector, field(path, 'nodeSelector'));
  return {
    ...(namespace === undefined ? {} : { namespace }),
    ...(nodeSelector === undefined ? {} : { nodeSelector }),
    ...(serviceAccount === undefined ? {} : { serviceAccount }),
  };
}
