import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from './roster-queries.ts';

/** What the door can do to a signup; `undo-*` takes the last step back. */
export type DoorAction =
  | 'check-in'
  | 'check-out'
  | 'no-show'
  | 'undo-check-in'
  | 'undo-check-out'
  | 'undo-no-show';

/** The steps a confirmed signup's attendance allows now, forward first, then the undo. */
export function doorActionsFor(entry: RosterEntry): DoorAction[] {
  if (entry.status !== 'confirmed') return [];
  if (entry.noShow) return ['undo-no-show'];
  if (entry.checkedOutAt) return ['undo-check-out'];
  if (entry.checkedInAt) return ['check-out', 'undo-check-in'];
  return ['check-in', 'no-show'];
}

const LABEL: Record<DoorAction, string> = {
  'check-in': 'org.roster.checkIn',
  'check-out': 'org.roster.checkOut',
  'no-show': 'org.roster.markNoShow',
  'undo-check-in': 'org.roster.undoCheckIn',
  'undo-check-out': 'org.roster.undoCheckOut',
  'undo-no-show': 'org.roster.undoNoShow',
};

/** The label of an action ("签到"). */
export function doorActionLabel(action: DoorAction): string {
  return LABEL[action];
}

/**
 * Large buttons (48 px high, for a thumb on a tablet at the door); each one's accessible name
 * says whose ("签到：王芳"), since a row's buttons all read alike.
 */
export function DoorActions(props: {
  entry: RosterEntry;
  busy: boolean;
  onAction: (entry: RosterEntry, action: DoorAction) => void;
}) {
  const { t } = useTranslation();
  const actions = doorActionsFor(props.entry);
  return (
    <div className="rota-door-actions">
      {actions.map((action) => (
        <Button
          key={action}
          size="large"
          type={action === 'check-in' || action === 'check-out' ? 'primary' : 'default'}
          disabled={props.busy}
          aria-label={t('org.roster.actionFor', {
            action: t(LABEL[action]),
            name: props.entry.person.name,
          })}
          onClick={() => props.onAction(props.entry, action)}
        >
          {t(LABEL[action])}
        </Button>
      ))}
    </div>
  );
}
