// The YAML editor: CodeMirror 6 with YAML highlighting and lint diagnostics fed by POST /v1/rules/lint as one types.

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { StyleModule } from 'style-mod';

/**
 * CodeMirror writes its styles into a `<style>` element, which the console's Content-Security-Policy (`style-src
 * 'self'`) refuses: the editor then has no layout (no gutter, whitespace collapsed, indentation lost as one types).
 * Its styles go instead into a constructed stylesheet adopted by the document (style-mod's path for shadow roots),
 * which the policy allows: the same rules, in the same order, with no inline style.
 */
const documentSheets = {
  ownerDocument: document,
  get adoptedStyleSheets(): CSSStyleSheet[] {
    return document.adoptedStyleSheets;
  },
  set adoptedStyleSheets(sheets: CSSStyleSheet[]) {
    document.adoptedStyleSheets = sheets;
  },
};
const mountStyles = StyleModule.mount.bind(StyleModule);
StyleModule.mount = (root, modules, options) =>
  mountStyles(root === document ? (documentSheets as unknown as ShadowRoot) : root, modules, options);

/** A problem at a 1-based line and column of the text. */
export interface Located {
  line: number;
  column: number;
  message: string;
  code: string;
}

export interface YamlEditor {
  view: EditorView;
  setText(text: string): void;
  setLabel(label: string): void;
  destroy(): void;
}

/** A 1-based line and column as an offset in the document (clamped into it). */
function offsetOf(state: EditorState, line: number, column: number): number {
  const l = state.doc.line(Math.min(Math.max(1, line), state.doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

/**
 * Mounts an editor in `parent`. `lint` is asked for the problems of the text after each pause in
 * typing; each is marked at its line and column (to the end of its token) and in the gutter.
 * Tab is left to move the focus (no indentWithTab), so the page stays usable with the keyboard alone.
 */
export function createYamlEditor(
  parent: HTMLElement,
  opts: {
    text: string;
    label: string;
    onChange: (text: string) => void;
    lint: (text: string) => Promise<Located[]>;
  },
): YamlEditor {
  const label = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(),
        history(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...defaultKeymap, ...historyKeymap]),
        yaml(),
        lintGutter(),
        linter(
          async (v) => {
            const problems = await opts.lint(v.state.doc.toString());
            return problems.map((p): Diagnostic => {
              const from = offsetOf(v.state, p.line, p.column);
              const line = v.state.doc.lineAt(from);
              const word = /^[^\s,:\]}]+/.exec(line.text.slice(from - line.from));
              const to = Math.min(line.to, from + Math.max(1, word?.[0].length ?? 1));
              return {
                from,
                to: Math.max(to, from),
                severity: 'error',
                message: `${p.message} [${p.code}]`,
                source: `${p.line}:${p.column}`,
              };
            });
          },
          { delay: 300 },
        ),
        // tabindex: the text is in the tab order as a field (axe counts it as the scroller's focusable content)
        label.of(EditorView.contentAttributes.of({ 'aria-label': opts.label, tabindex: '0' })),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setLabel(l) {
      view.dispatch({
        effects: label.reconfigure(EditorView.contentAttributes.of({ 'aria-label': l, tabindex: '0' })),
      });
    },
    destroy() {
      view.destroy();
    },
  };
}
