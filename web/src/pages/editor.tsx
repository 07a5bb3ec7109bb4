// Supervisor: edit a rule's YAML, the parameters or the waivers; lint as one types (POST /v1/rules/lint), preview (POST /v1/rules/preview),
// publish with If-Match (PUT /v1/rules/:id, /v1/parameters, /v1/waivers; 412: someone published first), roll back (POST /v1/rules/rollback).
// Auditor: the same pages read-only (lint and preview, no publish).

import { useEffect, useRef, useState } from 'preact/hooks';
import { call, type Answer } from '../api';
import { createYamlEditor, type Located, type YamlEditor } from '../cm';
import { textOr } from '../i18n';
import { Loading, ProblemView, useApp } from '../ui';

type Target = { kind: 'parameters' } | { kind: 'waivers' } | { kind: 'rule'; id: string | null };

interface LintProblem extends Located {
  pointer: string;
  file: string;
  inThisFile: boolean;
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

export function EditorPage({ initialRule }: { initialRule?: string }) {
  const { t, lang, me } = useApp();
  const canPublish = me.role === 'supervisor';
  const [ruleIds, setRuleIds] = useState<string[]>([]);
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
  const loadTarget = async (tg: Target) => {
    setOutcome(null);
    setStale(false);
    setPreview(null);
    const path =
      tg.kind === 'parameters'
        ? '/v1/parameters'
        : tg.kind === 'waivers'
          ? '/v1/waivers'
          : tg.id
            ? `/v1/rules/${encodeURIComponent(tg.id)}`
            : '/v1/rules';
    const res = await call(path);
    if (!res.ok) return setLoadProblem(res);
    setLoadProblem(null);
    const text = tg.kind === 'rule' && !tg.id ? NEW_RULE : ((res.json.yaml as string | null) ?? '');
    textRef.current = text;
    setBase({ version: res.json.version, text });
    editor.current?.setText(text);
  };

  useEffect(() => {
    void call('/v1/rules').then((r) => r.ok && setRuleIds(r.json.rules.map((x: { id: string }) => x.id)));
    loadVersions();
  }, []);
  useEffect(() => {
    void loadTarget(target);
  }, [targetKey(target)]);

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
        const list: LintProblem[] = res.ok ? res.json.problems : [];
        setProblems(list);
        return list.filter((p) => p.inThisFile);
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

  const doPublish = async () => {
    if (!base) return;
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

  const inThis = (problems ?? []).filter((p) => p.inThisFile);
  const elsewhere = (problems ?? []).filter((p) => !p.inThisFile);
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
      <div class="editor" ref={host} />
      <section aria-labelledby="problems-h" aria-live="polite">
        <h2 id="problems-h">{t('problems')}</h2>
        {problems !== null && problems.length === 0 && <p class="ok">{t('noProblems')}</p>}
        {problems !== null && problems.length > 0 && (
          <ul class="problems">
            {inThis.map((p, i) => (
              <li key={`a${i}`}>
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    editor.current?.view.dispatch({
                      selection: {
                        anchor:
                          editor.current.view.state.doc.line(
                            Math.min(p.line, editor.current.view.state.doc.lines),
                          ).from +
                          p.column -
                          1,
                      },
                      scrollIntoView: true,
                    })
                  }
                >
                  {p.line}:{p.column}
                </button>{' '}
                {p.message} <code>{p.code}</code> {p.pointer && <code>{p.pointer}</code>}
              </li>
            ))}
            {elsewhere.map((p, i) => (
              <li key={`b${i}`}>
                {p.file}:{p.line}:{p.column} ({t('lintOtherFile')}) {p.message} <code>{p.code}</code>
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
          <p>
            {preview.json.filings} {t('previewFilings')}, {preview.json.verdictChanges} {t('previewVerdicts')}
          </p>
          {preview.json.changes.length === 0 ? (
            <p>{t('previewNone')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('platform')}</th>
                  <th scope="col">{t('filing')}</th>
                  <th scope="col">{t('verdict')}</th>
                  <th scope="col">{t('findings')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.json.changes.map((c) => (
                  <tr key={`${c.platformId}/${c.filingId}`}>
                    <td>{c.platformId}</td>
                    <td>{c.filingId}</td>
                    <td>
                      {textOr(lang, `verdict_${c.verdict.from}`, c.verdict.from)} →{' '}
                      {textOr(lang, `verdict_${c.verdict.to}`, c.verdict.to)}
                    </td>
                    <td>
                      {c.findings
                        .map(
                          (f) =>
                            `${f.ruleId}: ${textOr(lang, `status_${f.from}`, f.from)} → ${textOr(lang, `status_${f.to}`, f.to)}`,
                        )
                        .join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {canPublish && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void doPublish();
          }}
        >
          <p>
            <label for="publish-note">{t('publishNote')}</label>{' '}
            <input
              id="publish-note"
              required
              value={note}
              onInput={(e) => setNote((e.target as HTMLInputElement).value)}
            />{' '}
            <button type="submit">{t('publish')}</button>
          </p>
        </form>
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
        <table>
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('at')}</th>
              <th scope="col">{t('by')}</th>
              <th scope="col">{t('note')}</th>
              {canPublish && <th scope="col">{t('rollback')}</th>}
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.label}>
                <th scope="row">
                  {v.label} <code>{v.version.slice(7, 19)}</code>
                  {v.current ? ` (${t('current')})` : ''}
                </th>
                <td>{v.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{v.token}</td>
                <td>{v.note}</td>
                {canPublish && (
                  <td>
                    {!v.current && (
                      <button
                        type="button"
                        disabled={rollbackNote.trim() === ''}
                        onClick={() => void doRollback(v)}
                      >
                        {t('rollback')} {v.label}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
