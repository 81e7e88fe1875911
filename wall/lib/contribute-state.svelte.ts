/** State of the web view's contribution form: fields, checks, sending with an idempotency key, the outcome. */
import type { SubmissionRequest, SubmissionResponse } from '../../server/protocol/api.js';
import { postSubmission } from './api.js';
import { newIdempotencyKey, validateSubmission, type FieldProblems, type SubmissionFailure } from './submission.js';

export type ContributeStatus = 'editing' | 'sending' | 'sent' | 'failed';

export class ContributeState {
  name = $state('');
  message = $state('');
  status = $state<ContributeStatus>('editing');
  /** How the server took the last message: waiting for moderation, or already shown. */
  outcome = $state<SubmissionResponse['status'] | null>(null);
  fields = $state.raw<FieldProblems>({});
  failure = $state.raw<SubmissionFailure | null>(null);

  readonly #slug: string;
  readonly #language: () => string;
  /** One key per message: a retry of the same text reuses it so the server can drop the duplicate. */
  #key: { body: string; value: string } | null = null;

  /** `language` is read at each send, so a language switch applies to the next answer. */
  constructor(slug: string, language: () => string) {
    this.#slug = slug;
    this.#language = language;
  }

  async submit(): Promise<void> {
    if (this.status === 'sending') return;
    const request: SubmissionRequest = { name: this.name.trim(), message: this.message.trim() };
    this.fields = validateSubmission(request);
    if (Object.keys(this.fields).length > 0) {
      this.failure = { kind: 'validation', fields: this.fields, message: null };
      this.status = 'failed';
      return;
    }
    this.status = 'sending';
    this.failure = null;
    const result = await postSubmission(this.#slug, request, this.#keyFor(request), this.#language());
    if (result.ok) {
      this.outcome = result.response.status;
      this.status = 'sent';
      this.message = '';
      this.#key = null;
      return;
    }
    this.failure = result.failure;
    this.fields = result.failure.kind === 'validation' ? result.failure.fields : {};
    this.status = 'failed';
  }

  /** Clears a field's error as soon as the reader edits it. */
  edited(field: keyof FieldProblems): void {
    if (this.fields[field]) {
      const { [field]: _cleared, ...others } = this.fields;
      this.fields = others;
    }
    if (this.status === 'sent') this.status = 'editing';
  }

  #keyFor(request: SubmissionRequest): string {
    const body = JSON.stringify(request);
    if (this.#key?.body !== body) this.#key = { body, value: newIdempotencyKey() };
    return this.#key.value;
  }
}
