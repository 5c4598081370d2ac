import { describe, expect, it } from 'vitest';
import { complete, parseCommandLine, tokenize } from '../../../src/keymap/index.js';

describe('parseCommandLine', () => {
  it('finds commands by name and alias, case-insensitively, with arguments', () => {
    const r = parseCommandLine('IND');
    expect(r.kind === 'ok' && r.command.name).toBe('indicators');
    const q = parseCommandLine(':q');
    expect(q.kind === 'ok' && q.command.name).toBe('quit');
    const s = parseCommandLine('stream extra "two words"');
    expect(s.kind === 'ok' && s.args).toEqual(['extra', 'two words']);
  });

  it('names an unknown command and suggests a near one', () => {
    const r = parseCommandLine('hel');
    expect(r.kind).toBe('unknown');
    expect(r.kind === 'unknown' && r.message).toBe('unknown command ":hel" — did you mean :help? (type :help for the list)');
    const far = parseCommandLine('zzz');
    expect(far.kind === 'unknown' && far.message).toBe('unknown command ":zzz" (type :help for the list)');
  });

  it('treats blank input as nothing to do', () => {
    expect(parseCommandLine('   ').kind).toBe('empty');
  });
});

describe('complete', () => {
  it('completes a unique prefix and adds a space', () => {
    expect(complete('ind')).toEqual({ text: 'indicators ', candidates: ['indicators'] });
  });

  it('completes to the longest common prefix and returns the candidates', () => {
    const r = complete('h');
    expect(r.candidates).toEqual(['health', 'help']);
    expect(r.text).toBe('he');
  });

  it('leaves text with arguments alone', () => {
    expect(complete('sort va')).toEqual({ text: 'sort va', candidates: [] });
  });

  it('tokenize keeps quoted words together', () => {
    expect(tokenize('a "b c" d')).toEqual(['a', 'b c', 'd']);
  });
});
