import { templateError } from './goTemplate';

describe('templateError reads labels and annotations as Prometheus 2.42 (Go 1.19 text/template) does', () => {
  it.each([
    ['{{ $labels.instance ', 'unclosed action'],
    ['{{ $labels.instance }', 'unclosed action'],
    ['{{ $foo }}', 'undefined variable "$foo"'],
    ['{{ humanise $value }}', 'function "humanise" not defined'],
    ['{{ if $value }}high', 'unexpected EOF'],
    ['{{ end }}', 'unexpected {{end}}'],
    ['{{ "unterminated }}', 'unterminated quoted string'],
    ['{{ 1 | 2 }}', 'non executable command in pipeline stage 2'],
    ['{{ break }}', '{{break}} outside {{range}}'],
    ['{{/* never closed', 'unclosed comment'],
    // Found by the differential test: an action starts at the first of three braces, and `=` ends no name.
    ['instance {{{ $labels.instance }}', 'unexpected "{" in command'],
    ['{{ $labels=.instance }}', "bad character U+003D '='"],
  ])('%j: %s', (text, message) => {
    expect(templateError(text)?.message).toBe(message);
  });

  it.each([
    'Host {{ $labels.instance }} is down ({{ $value | humanizePercentage }})',
    '{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}',
    '{{ with query "up" }}{{ . | first | value }}{{ end }}',
    '{{- if gt $value 0.9 -}}critical{{- else -}}fine{{- end -}}',
    '{{ $labels.instance\n}}',
    'no template at all, only closing braces }}',
  ])('accepts %j', (text) => {
    expect(templateError(text)).toBeUndefined();
  });

  it('gives the line within the text', () => {
    expect(templateError('line one\nline two {{ $nope }}')?.line).toBe(2);
  });
});
