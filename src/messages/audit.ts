// The words for each audit action (GET /v1/audit's `actionLabel`): the action stays the code, this is what a person reads.

import type { MessageLang } from './message.js';

/** Each audit action (src/store/types.ts `AuditAction`) in each language. */
const LABELS: Readonly<Record<string, Readonly<Record<MessageLang, string>>>> = {
  seed: { en: 'Rule set seeded', zh: '初始化规则集' },
  'publish-rule': { en: 'Rule published', zh: '发布规则' },
  'delete-rule': { en: 'Rule deleted', zh: '删除规则' },
  'publish-parameters': { en: 'Parameters published', zh: '发布参数' },
  'publish-waivers': { en: 'Waivers published', zh: '发布豁免' },
  rollback: { en: 'Rule set rolled back', zh: '回滚规则集' },
  'token-create': { en: 'Token created', zh: '创建令牌' },
  'token-revoke': { en: 'Token revoked', zh: '吊销令牌' },
  'order-open': { en: 'Rectification order opened', zh: '下发整改通知' },
  'order-move': { en: 'Rectification order moved by a filing', zh: '报送材料使整改通知状态变更' },
  'order-close': { en: 'Rectification order closed', zh: '关闭整改通知' },
};

/** The label of an audit action in `lang`; an action without one (none today) reads as its code. */
export function auditActionLabel(action: string, lang: MessageLang): string {
  return Object.hasOwn(LABELS, action) ? LABELS[action]![lang] : action;
}

/** Every action that has a label (what a test holds against the store's list of actions). */
export const LABELLED_AUDIT_ACTIONS: readonly string[] = Object.keys(LABELS);
