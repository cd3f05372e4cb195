import { usePath } from '../../app/router.tsx';
import type { OrganizerPageProps } from '../organizer-routes.tsx';
import { CreateEventPage } from './CreateEventPage.tsx';
import { EditEventPage } from './EditEventPage.tsx';
import { EventPage } from './EventPage.tsx';
import { EventsPage } from './EventsPage.tsx';
import './events.css';

/**
 * The Events area's pages (one chunk): the list, /new, /:id and /:id/edit, as registered in
 * organizer-routes.tsx.
 */
export default function EventsArea({ me, params }: OrganizerPageProps) {
  const path = usePath();
  if (params.id === undefined) {
    return /\/new\/?$/.test(path) ? <CreateEventPage me={me} /> : <EventsPage me={me} />;
  }
  if (/\/edit\/?$/.test(path)) return <EditEventPage key={params.id} id={params.id} me={me} />;
  return <EventPage key={params.id} id={params.id} />;
}
