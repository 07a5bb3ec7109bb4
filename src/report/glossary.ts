// The words a reader sees for the filing's fields, enumerated values, channels and parameters, in each
// report language: messages, tables and explanations never show `managementFeeCny` or `pre-collection`.

import type { Lang, Text } from '../rules/types.js';

const t = (en: string, zh: string): Text => ({ en, zh });

/** Every field of a filing (schemas 1 and 2) and of the facts' evidence that a message may name. */
const FIELDS: ReadonlyMap<string, Text> = new Map([
  ['schemaVersion', t('schema version', '报送格式版本')],
  ['filingId', t('filing id', '报送编号')],
  ['supersedes', t('superseded filing', '被更正的报送')],
  ['platform', t('platform', '平台')],
  ['operator', t('operator', '运营方')],
  ['uscc', t('unified social credit code', '统一社会信用代码')],
  ['holderUscc', t("holder's unified social credit code", '持证机构统一社会信用代码')],
  ['underwriterUscc', t("underwriter's unified social credit code", '承保机构统一社会信用代码')],
  ['period', t('reporting period', '报告期')],
  ['start', t('start', '起始日')],
  ['end', t('end', '截止日')],
  ['submittedAt', t('time of submission', '提交时间')],
  ['licenses', t('licences', '牌照')],
  ['type', t('type', '类型')],
  ['number', t('number', '编号')],
  ['issuer', t('issuer', '发证机关')],
  ['validFrom', t('valid from', '生效日')],
  ['validUntil', t('valid until', '到期日')],
  ['products', t('products', '产品')],
  ['id', t('id', '编号')],
  ['name', t('name', '名称')],
  ['kind', t('kind', '类别')],
  ['registration', t('registration', '备案')],
  ['date', t('date', '日期')],
  ['waitingPeriodDays', t('waiting period', '等待期')],
  ['managementFeeRate', t('management fee rate', '管理费率')],
  ['payoutCapCny', t('payout cap', '互助金上限')],
  ['annualShareCapCny', t('annual share cap', '年度分摊上限')],
  ['ageRange', t('age range', '年龄范围')],
  ['ageBands', t('age bands', '年龄段')],
  ['min', t('minimum', '下限')],
  ['max', t('maximum', '上限')],
  ['funds', t('funds', '资金')],
  ['collectionModel', t('collection model', '收费模式')],
  ['custody', t('custody', '资金存管')],
  ['bank', t('custodian bank', '存管银行')],
  ['segregated', t('segregated', '是否隔离')],
  ['accountOpenedAt', t('account opened', '开户日期')],
  ['preCollectedBalanceCny', t('pre-collected balance', '预收余额')],
  ['ledgerBalanceCny', t('ledger balance', '账面余额')],
  ['custodyBalanceCny', t('custody balance', '存管余额')],
  ['members', t('members', '会员')],
  ['active', t('active members', '活跃会员数')],
  ['activeAtPeriodStart', t('active members at the start of the period', '期初活跃会员数')],
  ['disclosures', t('disclosures', '公示')],
  ['publishedAt', t('date of publication', '发布日期')],
  ['periodStart', t('start of the period covered', '所涉期间起始日')],
  ['periodEnd', t('end of the period covered', '所涉期间截止日')],
  ['cases', t('cases', '案例数')],
  ['amountToShareCny', t('amount to share', '待分摊金额')],
  ['perMemberShareCny', t('share per member', '人均分摊金额')],
  ['managementFeeCny', t('management fee', '管理费')],
  ['participatingMembers', t('members sharing', '参与分摊人数')],
  ['borneByPlatformCny', t('amount borne by the platform', '平台承担金额')],
  ['marketing', t('marketing texts', '宣传内容')],
  ['channel', t('channel', '渠道')],
  ['text', t('text', '文字')],
  ['shutdown', t('shutdown', '停止运营')],
  ['announcedAt', t('date announced', '公告日期')],
  ['effectiveAt', t('effective date', '生效日期')],
  ['transitionCover', t('transition cover', '过渡安排')],
  ['outstandingClaimsPlan', t('plan for outstanding claims', '未决互助金申请处理安排')],
  ['claimsWindowDays', t('claims window', '互助金申请期')],
  // fields of the facts' evidence a message or the console shows besides the filing's own
  ['expectedCny', t('amount members actually shared', '会员实际分摊金额')],
  ['licenceKind', t('kind of licence', '牌照类别')],
]);

/** Values of the filing's enumerations, by field. */
const VALUES: ReadonlyMap<string, ReadonlyMap<string, Text>> = new Map([
  [
    'collectionModel',
    new Map([
      ['pre-collection', t('collection in advance', '事前预存')],
      ['post-event-sharing', t('post-event sharing', '事后分摊')],
    ]),
  ],
  [
    'kind',
    new Map([
      ['mutual-aid', t('mutual-aid plan', '互助计划')],
      ['insurance', t('insurance product', '保险产品')],
    ]),
  ],
  [
    'type',
    new Map([
      ['insurance', t('insurance licence', '保险牌照')],
      ['mutual-insurance', t('mutual-insurance licence', '相互保险牌照')],
      ['insurance-agency', t('insurance-agency licence', '保险代理牌照')],
      ['payment', t('payment licence', '支付牌照')],
      ['other', t('other licence', '其他牌照')],
    ]),
  ],
  [
    // the kinds of licence cover LIC-002 reckons apart (DESIGN §5 "Licence cover")
    'licenceKind',
    new Map([
      ['insurance', t('insurance or mutual-insurance licence', '保险或相互保险牌照')],
      ['insurance-agency', t('insurance-agency licence', '保险代理牌照')],
    ]),
  ],
  [
    'channel',
    new Map([
      ['app', t('app', '客户端')],
      ['web', t('website', '网站')],
      ['website', t('website', '网站')],
      ['h5', t('mobile web page', '移动网页')],
      ['wechat', t('WeChat', '微信')],
      ['weibo', t('Weibo', '微博')],
      ['alipay', t('Alipay', '支付宝')],
      ['douyin', t('Douyin', '抖音')],
      ['sms', t('text message', '短信')],
      ['email', t('email', '电子邮件')],
      ['poster', t('poster', '海报')],
      ['tv', t('television', '电视')],
      ['radio', t('radio', '广播')],
      ['print', t('print', '纸质媒体')],
      ['offline', t('offline', '线下')],
      ['livestream', t('live stream', '直播')],
      ['video', t('video', '视频')],
    ]),
  ],
]);

/** Parameters of the bundled pack, for `--explain` and `rules preview`. */
const PARAMETERS: ReadonlyMap<string, Text> = new Map([
  ['licenceExpiryWarningDays', t('days of warning before a licence cover ends', '牌照到期预警天数')],
  ['nameTerms', t('restricted terms in names', '名称禁用词')],
  ['nameAllow', t('allowed phrases in names', '名称允许词')],
  ['marketingTerms', t('restricted terms in marketing', '宣传禁用词')],
  ['marketingAllow', t('allowed phrases in marketing', '宣传允许词')],
  ['marketingNegations', t('negations that void an allowed phrase in marketing', '使允许词失效的否定词')],
  ['preCollectedBalanceMaxCny', t('largest pre-collected balance', '预收余额上限')],
  ['balanceTolerance', t('tolerance between ledger and custody balances', '账面与存管余额差异容差')],
  ['disclosureMaxGapDays', t('longest gap between disclosures', '公示最长间隔天数')],
  ['disclosureMaxDelayDays', t('longest delay of a disclosure', '公示最长延迟天数')],
  ['managementFeeCap', t('management fee cap', '管理费上限')],
  ['shareTolerance', t('tolerance of the share arithmetic', '分摊勾稽容差')],
  ['filingMaxDelayDays', t('longest delay of a filing', '报送最长延迟天数')],
  ['waitingPeriodMinDays', t('shortest waiting period', '等待期下限')],
  ['memberFloor', t('floor of active members', '活跃会员下限')],
  ['memberLossRateMax', t('largest loss of members in a period', '单期会员流失率上限')],
  ['shutdownNoticeMinDays', t('shortest notice of a shutdown', '停止运营最短公告期')],
  ['claimsWindowMinDays', t('shortest claims window', '互助金申请期下限')],
  ['historyMemberWindowDays', t('window for the peak of members (days)', '会员峰值窗口期（天）')],
  ['historyMemberLossMax', t('largest loss of members from the peak', '较峰值的会员流失率上限')],
  ['historyShareWindowDays', t('window for the reference filing of the share (days)', '人均分摊参照报送窗口期（天）')],
  ['historyShareGrowthMax', t('largest growth of the mean share', '人均分摊均值增长倍数上限')],
  ['rampUpDays', t('ramp-up guard: history needed before the reference (days)', '起步期：参照报送之前所需的报送历史（天）')],
  ['spiralWindowDays', t('window for the reference filing of the death spiral (days)', '“死亡螺旋”参照报送窗口期（天）')],
  ['spiralShareGrowthMin', t('growth of the mean share that signals a death spiral', '“死亡螺旋”的人均分摊增长倍数')],
  ['spiralMemberLossMin', t('loss of members that signals a death spiral', '“死亡螺旋”的会员流失率')],
  ['orderDeadlineDays', t('days allowed to rectify after an order', '整改期限天数')],
]);

/** The reader's name of a field (`managementFeeCny` → 管理费 / management fee); unknown names unchanged. */
export function fieldName(name: string, lang: Lang): string {
  const last = name.slice(name.lastIndexOf('.') + 1);
  return FIELDS.get(last)?.[lang] ?? name;
}

/** True when the glossary knows the field. */
export function knowsField(name: string): boolean {
  return FIELDS.has(name.slice(name.lastIndexOf('.') + 1));
}

/** The reader's word for a value of an enumerated field (`collectionModel`: `pre-collection` → 事前预存). */
export function valueName(field: string, value: string, lang: Lang): string | undefined {
  const last = field.slice(field.lastIndexOf('.') + 1);
  return VALUES.get(last)?.get(value.toLowerCase())?.[lang];
}

/** True for the fields whose values the glossary translates. */
export function isEnumField(field: string): boolean {
  return VALUES.has(field.slice(field.lastIndexOf('.') + 1));
}

/** The reader's name of a parameter, when the glossary knows it. */
export function parameterName(name: string, lang: Lang): string | undefined {
  return PARAMETERS.get(name)?.[lang];
}
