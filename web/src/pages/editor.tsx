// Supervisor: edit a rule's YAML, the parameters or the waivers; lint as one types (POST /v1/rules/lint), preview (POST /v1/rules/preview),
// publish with If-Match (PUT /v1/rules/:id, /v1/parameters, /v1/waivers; 412: someone published first), roll back (POST /v1/rules/rollback).
// Publishing first shows the diff against the version in force and the preview (what changes in the rules and
// parameters, which verdicts and findings), then asks to confirm. A parameter typed wrong is marked on the line typed,
// naming the rule it breaks. Auditor: the same pages read-only (lint and preview, no publish).

import { useEffect, useRef, useState } from 'preact/hooks';
import { parameterName } from '../../../src/report/glossary.js';
import { call, type Answer } from '../api';
import { createYamlEditor, type Located, type YamlEditor } from '../cm';
import { changedLines, diffLines, hunks, type DiffLine } from '../diff';
import { textOr, type Lang } from '../i18n';
import { nameOf, PlatformName, usePlatformNames } from '../names';
import { valueAt } from '../report';
import { DataTable, type Column } from '../table';
import { ApiText, fill, Id, Loading, ProblemView, Time, useApp } from '../ui';

type Target = { kind: 'parameters' } | { kind: 'waivers' } | { kind: 'rule'; id: string | null };

interface LintProblem extends Located {
  pointer: string;
  file: string;
  inThisFile: boolean;
  /** Set by the console: the parameter of this file that a problem in another file comes from, and that rule. */
  cause?: { parameter: string; ruleId: string; at: string };
}

interface ParameterValueChange {
  from: string;
  kind: 'added' | 'changed' | 'removed';
  value?: unknown;
  was?: unknown;
}

interface Preview {
  filings: number;
  verdictChanges: number;
  changes: {
    filingId: string;
    platformId: string;
    verdict: { from: string; to: string };
    findings: { ruleId: string; from: string; to: string }[];
  }[];
  /** What the proposal changes in the rule set itself (as `compliance rules preview` prints it). */
  ruleSet?: {
    rules: { added: string[]; changed: string[]; removed: string[] };
    parameters: { name: string; values: ParameterValueChange[] }[];
  };
}

/** A rule in force as GET /v1/rules lists it: enough to find the parameter a lint problem's pointer names. */
interface RuleInForce {
  id: string;
  file: string;
  [field: string]: unknown;
}

interface Version {
  version: string;
  label: number;
  at: string;
  note: string;
  token: string;
  current: boolean;
}

const NEW_RULE = `id: NEW-001
title: { en: "", zh: "" }
family: naming
severity: minor
citation: { source: { en: "", zh: "" } }
effective: { from: 2024-01-01 }
when: { fact: filing, path: "$.members.active", operator: lessThan, value: 0 }
message: { en: "", zh: "" }
remediation: { en: "", zh: "" }
`;

const targetKey = (t: Target) => (t.kind === 'rule' ? `rule:${t.id ?? ''}` : t.kind);
function targetOf(key: string): Target {
  if (key === 'parameters' || key === 'waivers') return { kind: key };
  const id = key.slice('rule:'.length);
  return { kind: 'rule', id: id === '' ? null : id };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a parameter is in the parameters YAML being edited: within its block (its top-level key to the next), the
 * line typed (changed against the version opened), else the key's line; the column of its value when the line has one.
 */
export function parameterLine(
  yaml: string,
  name: string,
  changed: ReadonlySet<number>,
): { line: number; column: number } | null {
  const lines = yaml.split('\n');
  const key = new RegExp(`^["']?${escapeRe(name)}["']?\\s*:`);
  const start = lines.findIndex((l) => key.test(l));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end]!)) end++;
  let line = start + 1;
  for (let i = start; i < end; i++)
    if (changed.has(i + 1) && lines[i]!.trim() !== '' && !lines[i]!.trim().startsWith('#')) {
      line = i + 1;
      break;
    }
  const text = lines[line - 1]!;
  const value = /value\s*:\s*/.exec(text);
  const column = value ? value.index + value[0].length + 1 : text.length - text.trimStart().length + 1;
  return { line, column };
}

/** The parameter a rule's value at `pointer` names (`{ param: name }`), looking up the pointer and its parents. */
function parameterOf(rule: unknown, pointer: string): string | null {
  let p = pointer;
  for (let depth = 0; depth < 4; depth++) {
    const v = valueAt(rule, p);
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, 'param')) {
      const name = (v as { param: unknown }).param;
      if (typeof name === 'string') return name;
    }
    if (p === '') break;
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return null;
}

/** A value of a parameter as the CLI prints it. */
const shown = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** One parameter value change in the words of `compliance rules preview` (`managementFeeCap: 0.07 from 2021-01-01 (was 0.08)`). */
export function parameterChangeLine(lang: Lang, name: string, v: ParameterValueChange): string {
  const was = v.was === undefined ? undefined : shown(v.was);
  if (lang === 'zh') {
    const text =
      v.kind === 'removed'
        ? `删除自${v.from}起施行的值（原为${was ?? '无'}）`
        : v.kind === 'changed'
          ? `自${v.from}起改为${shown(v.value)}（原为${was ?? '无'}）`
          : `自${v.from}起为${shown(v.value)}${was === undefined ? '（新增）' : `（原为${was}）`}`;
    return `${name}：${text}`;
  }
  const text =
    v.kind === 'removed'
      ? `the value from ${v.from} removed (was ${was ?? 'none'})`
      : v.kind === 'changed'
        ? `${shown(v.value)} from ${v.from} (was ${was ?? 'none'})`
        : `${shown(v.value)} from ${v.from}${was === undefined ? ' (new)' : ` (was ${was})`}`;
  return `${name}: ${text}`;
}

/** A line diff as people read it: removed and added lines marked in words, a gap between hunks. */
function DiffView({ lines }: { lines: (DiffLine | null)[] }) {
  const { t } = useApp();
  if (lines.length === 0) return <p>{t('diffNone')}</p>;
  return (
    <ol class="diff" aria-label={t('diffTitle')}>
      {lines.map((l, i) =>
        l === null ? (
          <li key={i} class="gap" aria-hidden="true">
            ⋯
          </li>
        ) : (
          <li key={i} class={`d-${l.kind}`}>
            <span class="ln">{l.line}</span>
            <span class="sign" aria-hidden="true">
              {l.kind === 'added' ? '+' : l.kind === 'removed' ? '−' : ' '}
            </span>
            {l.kind !== 'same' && (
              <span class="sr-only">{l.kind === 'added' ? t('diffAdded') : t('diffRemoved')}</span>
            )}
            {l.kind === 'added' ? (
              <ins>
                <Id>{l.text}</Id>
              </ins>
            ) : l.kind === 'removed' ? (
              <del>
                <Id>{l.text}</Id>
              </del>
            ) : (
              <Id>{l.text}</Id>
            )}
          </li>
        ),
      )}
    </ol>
  );
}

/** What a preview says: the rule-set changes, the totals, and the filings that change. */
function PreviewView({ preview, headingId }: { preview: Preview; headingId: string }) {
  const { t, lang } = useApp();
  const names = usePlatformNames();
  const rs = preview.ruleSet;
  const ids = (xs: string[]) => (xs.length > 0 ? xs.join(lang === 'zh' ? '、' : ', ') : t('none'));
  const columns: Column<Preview['changes'][number]>[] = [
    {
      key: 'platform',
      label: t('platform'),
      rowHeader: true,
      value: (c) => nameOf(names, c.platformId),
      render: (c) => <PlatformName names={names} id={c.platformId} />,
    },
    { key: 'filing', label: t('filing'), value: (c) => c.filingId, render: (c) => <Id>{c.filingId}</Id> },
    {
      key: 'verdict',
      label: t('verdict'),
      value: (c) =>
        c.verdict.from === c.verdict.to
          ? textOr(lang, `verdict_${c.verdict.to}`, c.verdict.to)
          : `${textOr(lang, `verdict_${c.verdict.from}`, c.verdict.from)} → ${textOr(lang, `verdict_${c.verdict.to}`, c.verdict.to)}`,
    },
    {
      key: 'findings',
      label: t('findings'),
      value: (c) =>
        c.findings
          .map(
            (f) =>
              `${f.ruleId}: ${textOr(lang, `status_${f.from}`, f.from)} → ${textOr(lang, `status_${f.to}`, f.to)}`,
          )
          .join(lang === 'zh' ? '；' : '; '),
    },
  ];
  return (
    <>
      {rs && (
        <div class="ruleset-changes">
          <h3 id={`${headingId}-rs`}>{t('rulesChanged')}</h3>
          {rs.rules.added.length +
            rs.rules.changed.length +
            rs.rules.removed.length +
            rs.parameters.length ===
          0 ? (
            <p>{t('noRuleChange')}</p>
          ) : (
            <ul>
              {rs.rules.added.length > 0 && (
                <li>
                  {t('rulesAdded')}
                  {lang === 'zh' ? '：' : ': '}
                  <Id>{ids(rs.rules.added)}</Id>
                </li>
              )}
              {rs.rules.changed.length > 0 && (
                <li>
                  {t('rulesChangedList')}
                  {lang === 'zh' ? '：' : ': '}
                  <Id>{ids(rs.rules.changed)}</Id>
                </li>
              )}
              {rs.rules.removed.length > 0 && (
                <li>
                  {t('rulesRemoved')}
                  {lang === 'zh' ? '：' : ': '}
                  <Id>{ids(rs.rules.removed)}</Id>
                </li>
              )}
              {rs.parameters.flatMap((p) =>
                p.values.map((v, i) => {
                  const label = parameterName(p.name, lang);
                  return (
                    <li key={`${p.name}-${i}`} class="param-change">
                      <Id>{parameterChangeLine(lang, p.name, v)}</Id>
                      {label ? ` — ${label}` : ''}
                    </li>
                  );
                }),
              )}
            </ul>
          )}
        </div>
      )}
      <p>
        {preview.filings} {t('previewFilings')}, {preview.verdictChanges} {t('previewVerdicts')}
      </p>
      {preview.changes.length === 0 ? (
        <p>{t('previewNone')}</p>
      ) : (
        <DataTable
          name={t('previewTitle')}
          file="preview"
          columns={columns}
          rows={preview.changes}
          rowKey={(c) => `${c.platformId}/${c.filingId}`}
        />
      )}
    </>
  );
}

export function EditorPage({ initialRule }: { initialRule?: string }) {
  const { t, lang, me } = useApp();
  const canPublish = me.role === 'supervisor';
  const [ruleIds, setRuleIds] = useState<string[]>([]);
  // the rules in force (GET /v1/rules), which the lint callback waits for to place a problem of another file
  const rulesRef = useRef<Promise<RuleInForce[]> | null>(null);
  const baseTextRef = useRef('');
  const [confirm, setConfirm] = useState<{
    version: string;
    label: number | null;
    diff: (DiffLine | null)[];
    preview: Answer<Preview>;
  } | null>(null);
  const [asking, setAsking] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const noteInput = useRef<HTMLInputElement>(null);
  const [target, setTarget] = useState<Target>(
    initialRule ? { kind: 'rule', id: initialRule } : { kind: 'parameters' },
  );
  const [base, setBase] = useState<{ version: string; text: string } | null>(null);
  const [loadProblem, setLoadProblem] = useState<Answer | null>(null);
  const [problems, setProblems] = useState<LintProblem[] | null>(null);
  const [preview, setPreview] = useState<Answer<Preview> | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Answer | null>(null);
  const [stale, setStale] = useState(false);
  const [versions, setVersions] = useState<Version[]>([]);
  const [rollbackNote, setRollbackNote] = useState('');
  const [rollbackOutcome, setRollbackOutcome] = useState<Answer | null>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor | null>(null);
  const textRef = useRef('');
  const targetRef = useRef(target);
  targetRef.current = target;

  const loadVersions = () =>
    void call('/v1/rules/versions').then((r) => r.ok && setVersions(r.json.versions));
  const pathOf = (tg: Target) =>
    tg.kind === 'parameters'
      ? '/v1/parameters'
      : tg.kind === 'waivers'
        ? '/v1/waivers'
        : tg.id
          ? `/v1/rules/${encodeURIComponent(tg.id)}`
          : '/v1/rules';
  const loadTarget = async (tg: Target) => {
    setOutcome(null);
    setStale(false);
    setPreview(null);
    setConfirm(null);
    const res = await call(pathOf(tg));
    if (!res.ok) return setLoadProblem(res);
    setLoadProblem(null);
    const text = tg.kind === 'rule' && !tg.id ? NEW_RULE : ((res.json.yaml as string | null) ?? '');
    textRef.current = text;
    baseTextRef.current = text;
    setBase({ version: res.json.version, text });
    editor.current?.setText(text);
  };

  rulesRef.current ??= call('/v1/rules').then((r) => (r.ok ? (r.json.rules as RuleInForce[]) : []));
  useEffect(() => {
    void rulesRef.current!.then((rules) => setRuleIds(rules.map((x) => x.id)));
    loadVersions();
  }, []);
  useEffect(() => {
    void loadTarget(target);
  }, [targetKey(target)]);

  // the words of the lint callback, read when it runs (the language may have changed since the editor was made)
  const langRef = useRef(lang);
  langRef.current = lang;
  const tr = (k: Parameters<typeof t>[0]) => textOr(langRef.current, k, k);

  /**
   * A problem in another file that comes from a parameter of the parameters being edited (a rule's `{ param }`
   * given a value of the wrong type) is placed on that parameter's line here, naming the rule.
   */
  const located = (p: LintProblem, tg: Target, yaml: string, rules: RuleInForce[]): LintProblem => {
    if (p.inThisFile || tg.kind !== 'parameters') return p;
    const rule = rules.find((r) => r.file === p.file);
    const name = rule ? parameterOf(rule, p.pointer) : null;
    if (!rule || !name) return p;
    const at = parameterLine(yaml, name, new Set(changedLines(baseTextRef.current, yaml)));
    if (!at) return p;
    return {
      ...p,
      line: at.line,
      column: at.column,
      cause: { parameter: name, ruleId: rule.id, at: `${p.file}:${p.line}:${p.column}` },
    };
  };

  // the editor is made once the first text is there; later loads replace its text
  useEffect(() => {
    if (!base || editor.current || !host.current) return;
    editor.current = createYamlEditor(host.current, {
      text: base.text,
      label: t('yamlEditor'),
      onChange: (text) => {
        textRef.current = text;
      },
      lint: async (yaml) => {
        const tg = targetRef.current;
        const res = await call('/v1/rules/lint', { method: 'POST', body: { kind: tg.kind, yaml } });
        const rules = await rulesRef.current!;
        const list: LintProblem[] = res.ok
          ? res.json.problems.map((p: LintProblem) => located(p, tg, yaml, rules))
          : [];
        setProblems(list);
        return list
          .filter((p) => p.inThisFile || p.cause)
          .map((p) =>
            p.cause
              ? {
                  ...p,
                  message: `${tr('paramBreaksRule').replaceAll('{parameter}', p.cause.parameter).replaceAll('{rule}', p.cause.ruleId)} (${p.cause.at}): ${p.message}`,
                }
              : p,
          );
      },
    });
  }, [base]);
  useEffect(() => editor.current?.setLabel(t('yamlEditor')), [lang]);
  useEffect(() => () => editor.current?.destroy(), []);

  const change = () => {
    const tg = targetRef.current;
    const yaml = textRef.current;
    if (tg.kind === 'parameters') return { parameters: yaml };
    if (tg.kind === 'waivers') return { waivers: yaml };
    const declared = /^id:\s*["']?([A-Z]{2,8}-\d{3})/m.exec(yaml)?.[1] ?? tg.id ?? 'NEW-001';
    return { rules: { [declared]: yaml } };
  };

  const doPreview = async () =>
    setPreview(await call<Preview>('/v1/rules/preview', { method: 'POST', body: change(), lang }));

  /** Before publishing: the version in force (a newer one means this tab is stale), the diff against it, the preview. */
  const askToPublish = async () => {
    if (!base || asking) return;
    setAsking(true);
    setOutcome(null);
    try {
      const tg = targetRef.current;
      const change_ = change();
      const declared = tg.kind === 'rule' ? Object.keys(change_.rules ?? {})[0]! : null;
      const [inForce, prev] = await Promise.all([
        call(tg.kind === 'rule' ? `/v1/rules/${encodeURIComponent(declared!)}` : pathOf(tg)),
        call<Preview>('/v1/rules/preview', { method: 'POST', body: change_ }),
      ]);
      // a new rule is compared with nothing; the version in force then comes from the rule list
      const isNew = tg.kind === 'rule' && inForce.status === 404;
      if (!inForce.ok && !isNew) {
        setOutcome(inForce);
        return;
      }
      const current = isNew ? await call('/v1/rules') : inForce;
      const version: string = current.json?.version ?? '';
      if (version !== base.version) {
        setStale(true);
        return;
      }
      const before = isNew ? '' : ((inForce.json.yaml as string | null) ?? '');
      setConfirm({
        version,
        label: typeof current.json?.label === 'number' ? current.json.label : null,
        diff: hunks(diffLines(before, textRef.current)),
        preview: prev,
      });
    } finally {
      setAsking(false);
    }
  };
  useEffect(() => {
    if (confirm) confirmButton.current?.focus();
  }, [confirm]);

  const doPublish = async () => {
    if (!base) return;
    setConfirm(null);
    const tg = targetRef.current;
    const yaml = textRef.current;
    const headers = { 'if-match': `"${base.version}"` };
    let res: Answer;
    if (tg.kind === 'parameters')
      res = await call('/v1/parameters', { method: 'PUT', headers, body: { parameters: yaml, note } });
    else if (tg.kind === 'waivers')
      res = await call('/v1/waivers', { method: 'PUT', headers, body: { waivers: yaml, note } });
    else {
      const id = Object.keys(change().rules ?? {})[0]!;
      res = await call(`/v1/rules/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers,
        body: { yaml, note },
      });
    }
    setOutcome(res);
    setStale(res.status === 412);
    if (res.ok) {
      baseTextRef.current = yaml;
      setBase({ version: res.json.version, text: yaml });
      loadVersions();
    }
  };

  const doRollback = async (v: Version) => {
    const current = versions.find((x) => x.current)?.version ?? base?.version ?? '';
    const res = await call('/v1/rules/rollback', {
      method: 'POST',
      headers: { 'if-match': `"${current}"` },
      body: { version: v.version, note: rollbackNote },
    });
    setRollbackOutcome(res);
    if (res.ok) {
      loadVersions();
      void loadTarget(targetRef.current);
    }
  };

  const here = (problems ?? []).filter((p) => p.inThisFile || p.cause);
  const elsewhere = (problems ?? []).filter((p) => !p.inThisFile && !p.cause);
  const goTo = (p: LintProblem) => {
    const view = editor.current?.view;
    if (!view) return;
    const line = view.state.doc.line(Math.min(Math.max(1, p.line), view.state.doc.lines));
    view.dispatch({
      selection: { anchor: Math.min(line.from + p.column - 1, line.to) },
      scrollIntoView: true,
    });
    view.focus();
  };
  const versionColumns: Column<Version>[] = [
    {
      key: 'label',
      label: t('version'),
      rowHeader: true,
      value: (v) => v.label,
      render: (v) => (
        <>
          {v.label} <code>{v.version.slice(7, 19)}</code>
          {v.current ? ` (${t('current')})` : ''}
        </>
      ),
    },
    {
      key: 'at',
      label: `${t('at')} ${t('beijingTime')}`,
      value: (v) => v.at,
      render: (v) => <Time iso={v.at} zone={false} />,
    },
    { key: 'by', label: t('by'), value: (v) => v.token, render: (v) => <Id>{v.token}</Id> },
    { key: 'note', label: t('note'), value: (v) => v.note, render: (v) => <ApiText>{v.note}</ApiText> },
    ...(canPublish
      ? [
          {
            key: 'rollback',
            label: t('rollback'),
            sortable: false,
            value: () => null,
            csv: () => '',
            render: (v: Version) =>
              !v.current && (
                <button
                  type="button"
                  disabled={rollbackNote.trim() === ''}
                  onClick={() => void doRollback(v)}
                >
                  {t('rollback')} {v.label}
                </button>
              ),
          } satisfies Column<Version>,
        ]
      : []),
  ];
  return (
    <div>
      <h1>{t('editorTitle')}</h1>
      {!canPublish && <p class="note">{t('readOnly')}</p>}
      <p>
        <label for="edit-target">{t('whatToEdit')}</label>{' '}
        <select
          id="edit-target"
          value={targetKey(target)}
          onChange={(e) => setTarget(targetOf((e.target as HTMLSelectElement).value))}
        >
          <option value="parameters">{t('parameters')}</option>
          <option value="waivers">{t('waivers')}</option>
          {ruleIds.map((id) => (
            <option key={id} value={`rule:${id}`}>
              {t('rule')} {id}
            </option>
          ))}
          {canPublish && <option value="rule:">{t('newRule')}</option>}
        </select>
      </p>
      <ProblemView answer={loadProblem} />
      {!base && <Loading />}
      <div class="editor" ref={host} data-id="" />
      <section aria-labelledby="problems-h" aria-live="polite">
        <h2 id="problems-h">{t('problems')}</h2>
        {problems !== null && problems.length === 0 && <p class="ok">{t('noProblems')}</p>}
        {problems !== null && problems.length > 0 && (
          <ul class="problems">
            {here.map((p, i) => (
              <li key={`a${i}`}>
                <button type="button" class="link" onClick={() => goTo(p)}>
                  {p.line}:{p.column}
                </button>{' '}
                {p.cause && (
                  <>
                    <strong>
                      {fill(t('paramBreaksRule'), {
                        parameter: <code>{p.cause.parameter}</code>,
                        rule: <Id>{p.cause.ruleId}</Id>,
                      })}
                    </strong>{' '}
                    (<code>{p.cause.at}</code>){' '}
                  </>
                )}
                <ApiText>{p.message}</ApiText> <code>{p.code}</code> {p.pointer && <code>{p.pointer}</code>}
              </li>
            ))}
            {elsewhere.map((p, i) => (
              <li key={`b${i}`}>
                <code>
                  {p.file}:{p.line}:{p.column}
                </code>{' '}
                ({t('lintOtherFile')}) <ApiText>{p.message}</ApiText> <code>{p.code}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p class="actions">
        <button type="button" onClick={() => void doPreview()}>
          {t('preview')}
        </button>
      </p>
      {preview && !preview.ok && <ProblemView answer={preview} />}
      {preview?.ok && (
        <section aria-labelledby="preview-h">
          <h2 id="preview-h">{t('previewTitle')}</h2>
          <PreviewView preview={preview.json} headingId="preview-h" />
        </section>
      )}
      {canPublish && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void askToPublish();
          }}
        >
          <p>
            <label for="publish-note">{t('publishNote')}</label>{' '}
            <input
              id="publish-note"
              ref={noteInput}
              required
              value={note}
              onInput={(e) => setNote((e.target as HTMLInputElement).value)}
            />{' '}
            <button type="submit" disabled={asking}>
              {t('publish')}
            </button>
          </p>
        </form>
      )}
      {confirm && (
        <div class="panel confirm" role="dialog" aria-modal="false" aria-labelledby="confirm-publish-h">
          <h2 id="confirm-publish-h">{t('confirmPublishTitle')}</h2>
          <p>
            {t('confirmPublishText').replace(
              '{version}',
              confirm.label !== null ? String(confirm.label) : confirm.version.slice(7, 19),
            )}
          </p>
          <h3>{t('diffTitle')}</h3>
          <DiffView lines={confirm.diff} />
          <h3>{t('previewTitle')}</h3>
          {confirm.preview.ok ? (
            <PreviewView preview={confirm.preview.json} headingId="confirm-preview-h" />
          ) : (
            <ProblemView answer={confirm.preview} />
          )}
          <p class="actions">
            <button
              type="button"
              class="primary"
              ref={confirmButton}
              disabled={!confirm.preview.ok}
              onClick={() => void doPublish()}
            >
              {t('confirmPublish')}
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                setConfirm(null);
                noteInput.current?.focus();
              }}
            >
              {t('cancel')}
            </button>
          </p>
        </div>
      )}
      {outcome?.ok && (
        <p role="status" class="ok">
          {t('published')} {outcome.json.label} (<code>{String(outcome.json.version).slice(0, 19)}…</code>)
        </p>
      )}
      {stale ? (
        <div role="alert" class="problem">
          <p>{t('stale')}</p>
          <button type="button" onClick={() => void loadTarget(targetRef.current).then(loadVersions)}>
            {t('reload')}
          </button>
        </div>
      ) : (
        <ProblemView answer={outcome} />
      )}
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">{t('versions')}</h2>
        {canPublish && (
          <p>
            <label for="rollback-note">{t('rollbackNote')}</label>{' '}
            <input
              id="rollback-note"
              value={rollbackNote}
              onInput={(e) => setRollbackNote((e.target as HTMLInputElement).value)}
            />
          </p>
        )}
        {rollbackOutcome?.ok && (
          <p role="status" class="ok">
            {t('rolledBack')} {rollbackOutcome.json.label}
          </p>
        )}
        <ProblemView answer={rollbackOutcome} />
        <DataTable
          name={t('versions')}
          labelledBy="versions-h"
          file="versions"
          columns={versionColumns}
          rows={versions}
          rowKey={(v) => String(v.label)}
        />
      </section>
    </div>
  );
}
