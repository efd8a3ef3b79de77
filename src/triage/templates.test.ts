/** @jest-environment node */
import { TemplateMiner, templateText } from './drain';

const mine = (messages: string[]) => {
  const miner = new TemplateMiner({ similarity: 0.4, maxClusters: 100 });
  messages.forEach((message, i) => miner.add({ time: i, host: 'h', unit: 'u', priority: 3, message }));
  return miner.templates().map(templateText);
};

describe('the final merge of templates', () => {
  it('treats two identifier-shaped values as a variable (unit names), but not words ending a sentence', () => {
    expect(
      mine(["vllm.service: Failed with result 'exit-code'.", "mcp-server.service: Failed with result 'exit-code'."])
    ).toEqual(["<*> Failed with result 'exit-code'."]);
    expect(mine(['Ending TrustedInstaller initialization.', 'Ending TrustedInstaller finalization.'])).toHaveLength(2);
  });

  it('treats a word after a noun that introduces a name as a variable from three values on', () => {
    const users = ['cyrus', 'news', 'test'].map((u) => `session opened for user ${u} by (uid=0)`);
    expect(mine(users)).toEqual(['session opened for user <*> by (uid=<NUM>)']);
    // Two values after the noun are also what two fixed events look like: they stay apart.
    expect(mine(users.slice(0, 2))).toHaveLength(2);
    expect(mine(['Session: 1_2 initialized by client SPP.', 'Session: 3_4 initialized by client Agent.'])).toHaveLength(
      2
    );
  });

  it('keeps templates with no word at all apart, however their variables are written', () => {
    const apart = ['onExtend:1514038530000 14 0 4', 'setDiffTotalSteps=25233979', 'setWriteDBLastDataMinute=25233979'];
    expect(mine(apart)).toHaveLength(3);
    // Positive control: templates that share their words still merge when they hold more or fewer variables.
    expect(mine(['sent 451 bytes to peer', 'sent 1573 bytes (1.53 KB) to peer'])).toHaveLength(1);
  });
});
