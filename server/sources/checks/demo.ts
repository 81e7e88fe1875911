/** The demo replays samples bundled with Murmure: nothing outside to reach. */
import type { SourceTestResult } from '../../protocol/admin.js';
import { passed } from './common.js';

export function checkDemo(): SourceTestResult {
  return passed({
    en: 'Nothing to check: the demo replays sample posts bundled with Murmure.',
    fr: 'Rien à vérifier\u00a0: la démo rejoue des exemples de messages fournis avec Murmure.',
  });
}
