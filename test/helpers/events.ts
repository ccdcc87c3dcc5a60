/** A free-form event the store tests append: the log takes any event type, the core knows none of these. */
import type { EventBase } from '../../src/core/events.js';

export interface NoteEvent extends EventBase {
  type: 'note';
  text: string;
  i?: number;
}
