/**
 * State of the web view's contribution form: fields, an optional photo with its preview, checks, sending with an
 * idempotency key, the outcome.
 */
import type { SubmissionRequest, SubmissionResponse } from '../../server/protocol/api.js';
import { postSubmission } from './api.js';
import {
  PHOTO_MAX_BYTES,
  checkPhoto,
  newIdempotencyKey,
  validateSubmission,
  type FieldProblems,
  type FormField,
  type SubmissionFailure,
} from './submission.js';

export type ContributeStatus = 'editing' | 'sending' | 'sent' | 'failed';

/** Makes and frees the preview address of a photo; injected so the state runs outside a browser too. */
export interface PreviewUrls {
  create(file: Blob): string;
  revoke(url: string): void;
}

const browserUrls: PreviewUrls = {
  create: (file) => URL.createObjectURL(file),
  revoke: (url) => URL.revokeObjectURL(url),
};

export class ContributeState {
  name = $state('');
  message = $state('');
  /** The photo to send with the message, already checked; null when none. */
  photo = $state.raw<File | null>(null);
  /** A local address to preview `photo`. */
  preview = $state<string | null>(null);
  status = $state<ContributeStatus>('editing');
  /** How the server took the last message: waiting for moderation, or already shown. */
  outcome = $state<SubmissionResponse['status'] | null>(null);
  fields = $state.raw<FieldProblems>({});
  failure = $state.raw<SubmissionFailure | null>(null);

  readonly #slug: string;
  readonly #language: () => string;
  readonly #urls: PreviewUrls;
  /** One key per message: a retry of the same message reuses it so the server can drop the duplicate. */
  #key: { body: string; value: string } | null = null;

  /** `language` is read at each send, so a language switch applies to the next answer. */
  constructor(slug: string, language: () => string, urls: PreviewUrls = browserUrls) {
    this.#slug = slug;
    this.#language = language;
    this.#urls = urls;
  }

  /** Takes the file the reader picked, or refuses it with a reason shown under the field. */
  choosePhoto(file: File | null): boolean {
    this.edited('photo');
    if (!file) return false;
    const problem = checkPhoto(file);
    if (problem) {
      this.fields = { ...this.fields, photo: problem };
      return false;
    }
    this.#setPhoto(file);
    return true;
  }

  removePhoto(): void {
    this.edited('photo');
    this.#setPhoto(null);
  }

  async submit(): Promise<void> {
    if (this.status === 'sending') return;
    const request: SubmissionRequest = { name: this.name.trim(), message: this.message.trim() };
    this.fields = validateSubmission(request, this.photo);
    if (Object.keys(this.fields).length > 0) {
      this.failure = { kind: 'validation', fields: this.fields, message: null };
      this.status = 'failed';
      return;
    }
    this.status = 'sending';
    this.failure = null;
    const result = await postSubmission(this.#slug, request, this.photo, this.#keyFor(request), this.#language());
    if (result.ok) {
      this.outcome = result.response.status;
      this.status = 'sent';
      this.message = '';
      this.#setPhoto(null);
      this.#key = null;
      return;
    }
    this.failure = result.failure;
    this.fields = this.#fieldsOf(result.failure);
    this.status = 'failed';
  }

  /** Clears a field's error as soon as the reader edits it. */
  edited(field: FormField): void {
    if (this.fields[field]) {
      const { [field]: _cleared, ...others } = this.fields;
      this.fields = others;
    }
    if (this.status === 'sent') this.status = 'editing';
  }

  /** Frees the preview; call when the form goes away. */
  dispose(): void {
    if (this.preview) this.#urls.revoke(this.preview);
    this.preview = null;
  }

  #fieldsOf(failure: SubmissionFailure): FieldProblems {
    if (failure.kind === 'validation') return failure.fields;
    // With a photo attached, "too large" is the photo's size (the text alone is far below the limit).
    if (failure.kind === 'too_large' && this.photo) return { photo: { kind: 'photo_size', maxBytes: PHOTO_MAX_BYTES } };
    return {};
  }

  #setPhoto(file: File | null): void {
    this.dispose();
    this.photo = file;
    this.preview = file ? this.#urls.create(file) : null;
  }

  #keyFor(request: SubmissionRequest): string {
    const photo = this.photo ? [this.photo.name, this.photo.size, this.photo.lastModified] : null;
    const body = JSON.stringify({ ...request, photo });
    if (this.#key?.body !== body) this.#key = { body, value: newIdempotencyKey() };
    return this.#key.value;
  }
}
