import type { Schemas } from '@rota/client';
import { usePath } from '../../app/router.tsx';
import { CreateEventPage } from './CreateEventPage.tsx';
import { EditEventPage } from './EditEventPage.tsx';
import { EventPage } from './EventPage.tsx';
import { EventsPage } from './EventsPage.tsx';
import './events.css';

/**
 * The Events area's pages by path, so that the organizer shell registers one entry for
 * everything under /organizer/events: the list, /new, /:id and /:id/edit.
 */
export default function EventsArea({ me }: { me: Schemas['Me'] }) {
  const path = usePath();
  const rest = path.replace(/^\/organizer\/events\/?/, '');
  if (rest === '') return <EventsPage me={me} />;
  if (rest === 'new') return <CreateEventPage me={me} />;
  const edit = /^([^/]+)\/edit$/.exec(rest);
  if (edit) return <EditEventPage id={decodeURIComponent(edit[1]!)} me={me} />;
  return <EventPage key={rest} id={decodeURIComponent(rest.split('/')[0]!)} />;
}
