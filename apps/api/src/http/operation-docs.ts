// The OpenAPI names and descriptions of the operations, in one table beside the routes: the
// document's transform (plugins/swagger.ts) applies them. A route that declares its own
// `operationId` or `description` in its schema keeps it; a route missing from the table gets
// a derived id (`getV1Things` style), so that a new route never leaves the document invalid.

/** What the document says about one operation, keyed `METHOD /path/{param}`. */
export interface OperationDoc {
  /** Stable, camelCase: generated clients name their functions after it. */
  operationId: string;
  /** Used when the route's schema has no description of its own. */
  description?: string;
  /** Response headers the route sends, by status (see `responseHeaders` in swagger.ts). */
  headers?: Record<number, string[]>;
  /** Query parameters the route requires although its validation lets them be missing. */
  requiredQuery?: string[];
}

export const operationDocs: Record<string, OperationDoc> = {
  'GET /health': {
    operationId: 'getHealth',
    description: 'Answers while the process runs, naming the database back end. No token needed.',
  },
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    description:
      'This document (OpenAPI 3.1), generated from the schemas the routes validate with.',
  },
  'GET /docs': {
    operationId: 'getApiDocs',
    description: 'Swagger UI over this document, for trying the API in a browser.',
  },
  'POST /v1/units': {
    operationId: 'createUnit',
    description:
      'An admin creates any unit; an organizer only below their own unit. `parentId` must ' +
      'name an existing unit.',
  },
  'GET /v1/units': {
    operationId: 'listUnits',
    description: 'Cursor-paged (`limit`, `cursor`); with `parentId`, that unit’s direct children.',
  },
  'GET /v1/units/{id}': { operationId: 'getUnit', description: 'Any valid token reads a unit.' },
  'POST /v1/tokens': {
    operationId: 'createToken',
    description: 'The answer carries the secret once; only its hash is stored.',
  },
  'DELETE /v1/tokens/{id}': {
    operationId: 'revokeToken',
    description: 'The token stops working at once. Answers 204 with no body.',
  },
  'POST /v1/sign-in-links': { operationId: 'createSignInLink' },
  'DELETE /v1/sign-in-links/{id}': { operationId: 'revokeSignInLink' },
  'POST /v1/sessions': { operationId: 'createSession' },
  'DELETE /v1/sessions/current': {
    operationId: 'deleteCurrentSession',
    description: 'Sign out: this browser’s session ends and its cookie is cleared.',
  },
  'GET /v1/me': {
    operationId: 'getMe',
    description: 'What the caller is: for a volunteer their person, for an organizer their unit.',
  },
  'POST /v1/people': {
    operationId: 'createPerson',
    description: 'The person belongs to `unitId`, within the organizer’s subtree.',
  },
  'GET /v1/people': {
    operationId: 'listPeople',
    description:
      'Organizers search their subtree by name, pinyin (full or initials) or phone, and tag.',
  },
  'GET /v1/tags': { operationId: 'listTags' },
  'GET /v1/people/{id}/access': { operationId: 'getPersonAccess' },
  'DELETE /v1/people/{id}/sessions': { operationId: 'revokePersonAccess' },
  'GET /v1/people/{id}': {
    operationId: 'getPerson',
    description: 'Readable by the person themself and by organizers of their unit’s subtree.',
  },
  'PATCH /v1/people/{id}': {
    operationId: 'updatePerson',
    description: 'Only the fields sent change; moving a person needs both units’ organizer.',
  },
  'GET /v1/people/{id}/signups': {
    operationId: 'listPersonSignups',
    description: 'Cursor-paged, every status, ordered by the shift’s start.',
  },
  'GET /v1/people/{id}/hours': { operationId: 'getPersonHours' },
  'GET /v1/people/{id}/calendar.ics': {
    operationId: 'getPersonCalendar',
    requiredQuery: ['key'],
  },
  'POST /v1/people/{id}/feed-key': {
    operationId: 'rotatePersonFeedKey',
    description:
      'Makes a new calendar feed key and answers it with the feed URL, once: only its hash ' +
      'is stored, so no other answer shows it. The previous key (every link and subscription ' +
      'made with it) stops working at once. The person themself, or an organizer of their ' +
      'unit’s subtree.',
  },
  'POST /v1/events': { operationId: 'createEvent', headers: { 201: ['ETag'] } },
  'GET /v1/events': { operationId: 'listEvents' },
  'GET /v1/events/{id}': {
    operationId: 'getEvent',
    description: 'The `ETag` header carries the version to send back in `If-Match` when editing.',
    headers: { 200: ['ETag'] },
  },
  'PATCH /v1/events/{id}': { operationId: 'updateEvent', headers: { 200: ['ETag'] } },
  'POST /v1/events/{id}/publish': {
    operationId: 'publishEvent',
    description: 'Only a draft can be published (otherwise 409 `invalid_state`).',
  },
  'POST /v1/events/{id}/cancel': {
    operationId: 'cancelEvent',
    description: 'Past occurrences stay as they were; every future signup is cancelled.',
  },
  'GET /v1/events/{id}/occurrences': {
    operationId: 'listEventOccurrences',
    description: 'Cursor-paged, by start; each occurrence carries its shifts.',
  },
  'GET /v1/events/{id}/calendar.ics': {
    operationId: 'getEventCalendar',
    description: 'One VEVENT with the rule, plus one per moved or cancelled occurrence.',
  },
  'PATCH /v1/occurrences/{id}': { operationId: 'updateOccurrence' },
  'GET /v1/shifts': {
    operationId: 'listShifts',
    description: 'Cursor-paged, by start; `available=true` keeps shifts with seats left.',
  },
  'GET /v1/shifts/{id}': {
    operationId: 'getShift',
    description: 'The shift with its seat counts and `seatsLeft`.',
  },
  'PATCH /v1/shifts/{id}': {
    operationId: 'updateShift',
    description: 'Lowering capacity below the seats taken is a 409 `capacity_below_taken`.',
  },
  'GET /v1/shifts/{id}/roster': {
    operationId: 'getShiftRoster',
    description:
      'JSON. For a spreadsheet, use `GET /v1/shifts/{id}/roster.csv` (this route still ' +
      'answers CSV to `Accept: text/csv`, for older callers).',
  },
  'GET /v1/shifts/{id}/roster.csv': {
    operationId: 'getShiftRosterCsv',
    headers: { 200: ['Content-Disposition'] },
  },
  'POST /v1/signups': { operationId: 'createSignup' },
  'GET /v1/signups/{id}': {
    operationId: 'getSignup',
    description: 'Readable by the person signed up and by organizers of the event.',
  },
  'DELETE /v1/signups/{id}': {
    operationId: 'cancelSignup',
    description:
      'The signup is kept with status `cancelled`; the first waitlisted signup that fits is ' +
      'confirmed in the same transaction.',
  },
  'POST /v1/signups/{id}/check-in': {
    operationId: 'checkInSignup',
    description: 'Records arrival at `at` (default now); the body may be empty.',
  },
  'POST /v1/signups/{id}/check-out': {
    operationId: 'checkOutSignup',
    description:
      'Records leaving at `at` (default now); with both times, hours count between them.',
  },
  'POST /v1/signups/{id}/no-show': {
    operationId: 'markSignupNoShow',
    description: 'The person did not come: the signup earns no hours.',
  },
  'DELETE /v1/signups/{id}/check-in': {
    operationId: 'undoSignupCheckIn',
    description:
      'Takes a check-in back (a wrong tap at the door). After a check-out, undo that first: ' +
      '409 `invalid_state`.',
  },
  'DELETE /v1/signups/{id}/check-out': {
    operationId: 'undoSignupCheckOut',
    description: 'Takes a check-out back: the person is checked in again.',
  },
  'DELETE /v1/signups/{id}/no-show': {
    operationId: 'undoSignupNoShow',
    description: 'Takes a no-show back: the signup can be checked in again.',
  },
  'GET /v1/templates': {
    operationId: 'listTemplates',
    description: 'Read-only: the kinds of event with their default slots and duration.',
  },
  'POST /v1/webhooks': {
    operationId: 'createWebhook',
    description:
      'The answer carries the secret (`whsec_…`) once. URLs on loopback or private addresses ' +
      'are a 400 unless `ROTA_WEBHOOK_ALLOW_PRIVATE=1`.',
  },
  'GET /v1/webhooks': {
    operationId: 'listWebhooks',
    description: 'Webhooks of `unitId`’s subtree (default: the organizer’s own unit).',
  },
  'GET /v1/webhooks/{id}': { operationId: 'getWebhook' },
  'PATCH /v1/webhooks/{id}': { operationId: 'updateWebhook' },
  'DELETE /v1/webhooks/{id}': { operationId: 'deleteWebhook' },
  'POST /v1/webhooks/{id}/rotate-secret': {
    operationId: 'rotateWebhookSecret',
    description: 'Deliveries carry a signature per valid secret until the overlap ends.',
  },
  'GET /v1/webhooks/{id}/deliveries': { operationId: 'listWebhookDeliveries' },
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/retry': { operationId: 'redeliverWebhook' },
  'POST /v1/webhooks/{id}/ping': { operationId: 'pingWebhook' },
  'GET /v1/people/{id}/notifications': { operationId: 'listPersonNotifications' },
  'POST /v1/people/{id}/notifications/{nid}/read': { operationId: 'markNotificationRead' },
  'GET /v1/people/{id}/notification-preferences': {
    operationId: 'getNotificationPreferences',
  },
  'PUT /v1/people/{id}/notification-preferences': {
    operationId: 'setNotificationPreferences',
  },
  'POST /v1/resources': { operationId: 'createResource', headers: { 201: ['ETag'] } },
  'GET /v1/resources': { operationId: 'listResources' },
  'GET /v1/resources/shortfalls': { operationId: 'listResourceShortfalls' },
  'GET /v1/resources/{id}': {
    operationId: 'getResource',
    description: 'The `ETag` header carries the version to send back in `If-Match` when editing.',
    headers: { 200: ['ETag'] },
  },
  'PATCH /v1/resources/{id}': { operationId: 'updateResource', headers: { 200: ['ETag'] } },
  'GET /v1/resources/{id}/availability': { operationId: 'getResourceAvailability' },
};

/**
 * A stable camelCase id for a route the table does not name: the method, then each path
 * segment (a parameter as `By<Name>`), e.g. `GET /v1/things/{id}` -> `getV1ThingsById`.
 */
export function deriveOperationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment !== '')
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', ...param[1]!.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter((word) => word !== '');
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}
