/**
 * @jest-environment node
 */
import { TemplateError, executeGoTemplate as run } from './goTemplate';

// The text/template stand-in behaves as Go's exec.go / funcs.go do on the cases the dev stack's templates meet.
describe('Go text/template stand-in', () => {
  it('a missing map key is an invalid value: an error in a string function, false in if/with/eq', () => {
    expect(() => run('{{ ToLower .Value }}', {})).toThrow(/error calling ToLower: invalid value; expected string/);
    expect(run('{{ if .Value }}y{{ else }}n{{ end }}', {})).toBe('n');
    expect(run('{{ with .Value }}y{{ else }}n{{ end }}', {})).toBe('n');
    expect(run('{{ if eq .Value "x" }}y{{ else }}n{{ end }}', {})).toBe('n');
    expect(run('{{ .Value }}', {})).toBe('<no value>');
  });

  it('with rebinds dot; = assigns the enclosing variable; or/and return an argument', () => {
    expect(run('{{ $l := "" }}{{ with .V }}{{ $l = ToUpper . }}{{ end }}[{{ $l }}]', { V: 'ab' })).toBe('[AB]');
    expect(run('{{ or .A .B "c" }}|{{ and "a" .B }}|{{ not .A }}', { B: 'b' })).toBe('b|b|true');
    expect(run('{{ if or (eq .L "err") (eq .L "error") }}error{{ else if .L }}{{ .L }}{{ end }}', { L: 'error' })).toBe('error');
    expect(run('{{ default "d" .X }}{{ default "d" .Y }}', { Y: 'y' })).toBe('dy');
  });

  it('trims around {{- and -}}, and refuses what it does not implement', () => {
    expect(run('a  {{- "b" -}}  c', {})).toBe('abc');
    expect(() => run('{{ range .X }}{{ end }}', {})).toThrow(TemplateError);
    expect(() => run('{{ .X | ToLower }}', { X: 'a' })).toThrow(/unsupported/);
    expect(() => run('{{ Sprintf "x" }}', {})).toThrow(/unsupported function/);
    expect(() => run('{{ if .X }}', { X: 'a' })).toThrow(/missing \{\{ end \}\}/);
  });
});
