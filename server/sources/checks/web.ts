/** The web form is part of Murmure itself: nothing outside to reach. */
import type { SourceTestResult } from '../../protocol/admin.js';
import { passed } from './common.js';

export function checkWeb(): SourceTestResult {
  return passed({
    en: 'Nothing to check: the web form is part of Murmure.',
    fr: 'Rien à vérifier\u00a0: le formulaire web fait partie de Murmure.',
  });
}
