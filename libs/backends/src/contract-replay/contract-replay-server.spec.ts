import { ContractReplayServer, REPLAY_MISMATCH_STATUS } from './contract-replay-server';
import type { RecordedExchange } from './recorded-exchange';

const SUBMIT: RecordedExchange = {
  name: 'submit',
  request: {
    method: 'POST',
    path: '/api/v1/job/submit',
    headers: { Authorization: 'Bearer t0k3n' },
    body: { jobs: { $json: [{ name: 'a', size: 2 }] }, stamp: { $any: true } },
  },
  response: { status: 200, body: { success: true, data: [1] } },
};

const STATUS: RecordedExchange = {
  name: 'status',
  request: { method: 'GET', path: '/api/v1/job/get_description', query: { job_ids: ['1', '2'] } },
  response: { status: 200, body: { success: true } },
};

function post(url: string, body: unknown, token = 't0k3n'): Promise<Response> {
  return fetch(`${url}/api/v1/job/submit`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe(ContractReplayServer.name, () => {
  let replay: ContractReplayServer;

  afterEach(async () => {
    await replay.close();
  });

  describe('verify', () => {
    it('passes when every recorded exchange was requested as recorded', async () => {
      replay = await ContractReplayServer.start([SUBMIT, STATUS]);

      const first = await post(replay.url, { jobs: JSON.stringify([{ name: 'a', size: 2, extra: true }]), stamp: 7 });
      const second = await fetch(`${replay.url}/api/v1/job/get_description?job_ids=1&job_ids=2`);

      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ success: true, data: [1] });
      expect(second.status).toBe(200);
      expect(() => replay.verify()).not.toThrow();
    });

    it('fails when a body field differs, naming the field', async () => {
      replay = await ContractReplayServer.start([SUBMIT]);

      const response = await post(replay.url, { jobs: JSON.stringify([{ name: 'b', size: 2 }]), stamp: 1 });

      expect(response.status).toBe(REPLAY_MISMATCH_STATUS);
      expect(() => replay.verify()).toThrow(/body\.jobs<json>\[0\]\.name should be "a", got "b"/);
    });

    it('fails when the auth header differs', async () => {
      replay = await ContractReplayServer.start([SUBMIT]);

      await post(replay.url, { jobs: JSON.stringify([{ name: 'a', size: 2 }]), stamp: 1 }, 'other');

      expect(() => replay.verify()).toThrow(/header Authorization should be "Bearer t0k3n"/);
    });

    it('fails when a field marked $any is missing', async () => {
      replay = await ContractReplayServer.start([SUBMIT]);

      await post(replay.url, { jobs: JSON.stringify([{ name: 'a', size: 2 }]) });

      expect(() => replay.verify()).toThrow(/body\.stamp is missing/);
    });

    it('fails when the query has an extra or a different key', async () => {
      replay = await ContractReplayServer.start([STATUS]);

      await fetch(`${replay.url}/api/v1/job/get_description?job_ids=1&verbose=1`);

      expect(() => replay.verify()).toThrow(
        /query job_ids should be \["1","2"\], got "1".*query verbose was not recorded/s,
      );
    });

    it('fails when requests come in another order, or a recorded one never comes', async () => {
      replay = await ContractReplayServer.start([SUBMIT, STATUS]);

      await fetch(`${replay.url}/api/v1/job/get_description?job_ids=1&job_ids=2`);

      expect(() => replay.verify()).toThrow(/does not match exchange "submit".*exchange "status" was never requested/s);
    });

    it('fails on a request after the last exchange', async () => {
      replay = await ContractReplayServer.start([]);

      const response = await fetch(`${replay.url}/anything`);

      expect(response.status).toBe(REPLAY_MISMATCH_STATUS);
      expect(() => replay.verify()).toThrow(/unexpected request GET \/anything/);
    });
  });

  describe('networkError', () => {
    it('breaks the connection instead of answering', async () => {
      replay = await ContractReplayServer.start([
        { name: 'broken', request: { method: 'GET', path: '/x' }, response: { networkError: true } },
      ]);

      await expect(fetch(`${replay.url}/x`)).rejects.toThrow(/fetch failed/);
      expect(() => replay.verify()).not.toThrow();
    });
  });
});
