import { describe, expect, it } from 'vitest';
import { redactContacts } from '../../../../server/pipeline/text/redact.js';

describe('redactContacts', () => {
  it.each([
    ['Rappelez-moi au 06 39 98 12 34 svp', 'Rappelez-moi au ••• svp'],
    ['mon numéro: 06.39.98.12.34.', 'mon numéro: •••.'],
    ['+33 6 39 98 00 01 ou +33639980002', '••• ou •••'],
    ['UK: +44 7700 900123, home 07700 900456', 'UK: •••, home •••'],
    ['US +1 925 392 0364', 'US •••'],
    ['0044 7700 900123', '•••'],
    ['écrivez à jean.dupont@example.org ou Zoé+débat@mairie.example.fr', 'écrivez à ••• ou •••'],
  ])('redacts %j', (input, output) => {
    expect(redactContacts(input)).toBe(output);
  });

  it.each([
    'Le budget est de 2 500 000 euros en 2026',
    'Séance du 12/03/2026 à 18h30',
    'Article 49.3, 150 places, #Québec2026',
    'suivez @mairie_demo',
  ])('leaves ordinary figures alone: %j', (text) => {
    expect(redactContacts(text)).toBe(text);
  });
});
