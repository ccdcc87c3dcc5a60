/** Checking the options shared by the screening commands (stage, order, seed). */
import type { Stage } from '../core/screening/events.js';
import { UserError } from '../core/errors.js';
import type { ScreenOrder } from '../core/screening/session.js';
import { t } from '../ui/i18n.js';

export interface ScreenCliOptions {
  reviewer?: string;
  stage?: string;
  applyLimits?: boolean;
  order?: string;
  seed?: string;
  decisions?: string;
  resolve?: boolean;
  json?: boolean;
  record?: string;
  recallTarget?: string;
  confidence?: string;
}

export interface ScreenOptions {
  reviewer?: string;
  stage: Stage;
  applyLimits: boolean;
  order: ScreenOrder;
  seed: number;
  decisions?: string;
  resolve: boolean;
  json: boolean;
  /** Open this record first. */
  record?: string;
  /** Stopping rule, as shares in (0, 1). */
  recallTarget: number;
  confidence: number;
}

/** A stage as typed by the user (title-abstract, ta, fulltext, ft). */
export function parseStage(raw: string | undefined): Stage {
  const s = (raw ?? 'title-abstract').toLowerCase();
  if (s === 'title-abstract' || s === 'ta') return 'title-abstract';
  if (s === 'fulltext' || s === 'full-text' || s === 'ft') return 'fulltext';
  throw new UserError(t('screen.badStage', { stage: raw }));
}

export function parseSeed(raw: string | undefined): number {
  const n = Number(raw ?? '1');
  if (!Number.isInteger(n)) throw new UserError(t('screen.badSeed', { seed: raw }));
  return n;
}

/** A percentage typed by the user (95, 95%, 99,5) as a share; between 50% and 99.9%. */
export function parsePercent(raw: string | undefined, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.trim().replace(/%$/, '').replace(',', '.'));
  if (!Number.isFinite(n) || n < 50 || n > 99.9) throw new UserError(t('screen.badPercent', { option, value: raw }));
  return n / 100;
}

export function parseScreenOptions(raw: ScreenCliOptions): ScreenOptions {
  const order = (raw.order ?? 'import').toLowerCase();
  if (order !== 'import' && order !== 'relevance' && order !== 'random') throw new UserError(t('screen.badOrder', { order: raw.order }));
  return {
    reviewer: raw.reviewer?.trim() || undefined,
    stage: parseStage(raw.stage),
    applyLimits: raw.applyLimits ?? false,
    order,
    seed: parseSeed(raw.seed),
    decisions: raw.decisions,
    resolve: raw.resolve ?? false,
    json: raw.json ?? false,
    ...(raw.record?.trim() ? { record: raw.record.trim() } : {}),
    recallTarget: parsePercent(raw.recallTarget, '--recall-target', 0.95),
    confidence: parsePercent(raw.confidence, '--confidence', 0.95),
  };
}
