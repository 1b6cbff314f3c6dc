import { describe, expect, it } from '@jest/globals';
import { EMPTY_TEMPLATE_FORM, contentToForm, formToBody } from './template-form.util';
import type { TemplateContent } from './template.types';

const content: TemplateContent = {
  kind: 'stress',
  description: 'ramp on CERN',
  workload: {
    command: '/bin/true',
    env: { MODE: 'ping', 'a/b': 'x=y' },
    resources: { timeLimitSeconds: 600, cores: 2, gpus: 1 },
    success: { exitCodes: [0, 3] },
  },
  queueSelector: { queueIds: ['Q1', 'Q2'], labels: { tier: '1' }, backend: 'sim' },
  submissionProfile: {
    minQueueDepth: 0,
    maxRunning: 0,
    totalJobs: 100,
    resubmit: false,
    steps: [{ afterSeconds: 600, maxRunning: 50 }],
    ramp: 'linear',
  },
  lifetimeSeconds: 3600,
  robot: false,
  golden: true,
  policy: null,
};

describe('contentToForm and formToBody', () => {
  it('give back a version’s whole content unchanged (a new version starts from it)', () => {
    const form = contentToForm(content, { name: 'stress-cern', active: true });
    const { body, problems } = formToBody(form, false);
    expect(problems).toEqual([]);
    expect(body).toEqual({ ...content, policy: undefined, queueSelector: content.queueSelector });
    expect(body).not.toHaveProperty('name');
    expect(body).not.toHaveProperty('policy');
  });

  it('sends name and active for a new template', () => {
    const form = contentToForm(content, { name: 'stress-cern', active: false });
    expect(formToBody(form, true).body).toMatchObject({ name: 'stress-cern', active: false });
  });

  it('leaves empty fields out so the API names what is required', () => {
    const { body, problems } = formToBody(EMPTY_TEMPLATE_FORM, true);
    expect(problems).toEqual([]);
    expect(body).toEqual({
      active: true,
      kind: 'functional',
      description: '',
      workload: {},
      queueSelector: {},
      submissionProfile: {},
      golden: false,
    });
  });

  it('sends what is not an integer as typed, for the API to refuse', () => {
    const { body } = formToBody({ ...EMPTY_TEMPLATE_FORM, maxRunning: 'lots', lifetimeSeconds: ' 60 ' }, false);
    expect(body).toMatchObject({ submissionProfile: { maxRunning: 'lots' }, lifetimeSeconds: 60 });
  });

  it('refuses what the form itself cannot read, naming the field', () => {
    const { body, problems } = formToBody(
      { ...EMPTY_TEMPLATE_FORM, env: 'MODE=ping\nbroken', workloadMore: '[1]', steps: '600' },
      false,
    );
    expect(body).toBeUndefined();
    expect(problems.map((p) => p.field)).toEqual(['workload', 'workload.env', 'submissionProfile.steps']);
  });
});
