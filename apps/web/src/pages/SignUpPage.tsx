import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { idempotent, type Schemas, unwrap } from '@rota/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Result, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, problemText } from '../api/problem-text.ts';
import { usePerson, useShift } from '../api/queries.ts';
import { useRota } from '../api/rota-context.tsx';
import { navigate, useTitle } from '../app/router.tsx';
import { whyNotEligible } from '../eligibility/why-not-eligible.ts';
import { shiftWhen } from '../format/shift-time.ts';
import { ShiftCard } from './ShiftCard.tsx';

interface Values {
  who: 'alone' | 'party';
  companions?: { name?: string; birthDate?: string }[];
}

/** `companions.0.birthDate` → ['companions', 0, 'birthDate'] (antd's field names). */
function fieldName(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * "Sign up": alone, or with companions (names, birth dates) within the slot's party size.
 * The answer in plain words: confirmed, or waitlisted at position N and what happens next.
 * A refusal is said in the reader's language; a field's error shows at the field.
 */
export function SignUpPage({ shiftId, me }: { shiftId: string; me: Schemas['Me'] }) {
  const { t, i18n } = useTranslation();
  useTitle(t('signUp.title'), t('app.name'));
  const rota = useRota();
  const queryClient = useQueryClient();
  const shift = useShift(shiftId);
  const person = usePerson(me.personId);
  const [form] = Form.useForm<Values>();
  const who = Form.useWatch('who', form) ?? 'alone';
  const [refusal, setRefusal] = useState<string | undefined>();

  const signUp = useMutation({
    mutationFn: (values: Values) => {
      const companions =
        values.who === 'party'
          ? (values.companions ?? []).map((c) => ({
              name: (c.name ?? '').trim(),
              ...(c.birthDate ? { birthDate: c.birthDate } : {}),
            }))
          : [];
      return unwrap(
        rota.POST('/v1/signups', {
          params: { header: idempotent() },
          body: {
            shiftId,
            personId: me.personId ?? '',
            seats: 1 + companions.length,
            companions,
          },
        }),
      );
    },
    onMutate: () => setRefusal(undefined),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['signups'] });
      void queryClient.invalidateQueries({ queryKey: ['shifts'] });
      void queryClient.invalidateQueries({ queryKey: ['shift', shiftId] });
    },
    onError: (error) => {
      const rule = shift.data ? { min: shift.data.minAge, max: shift.data.maxAge } : {};
      setRefusal(problemText(error, t, rule));
      const fields = fieldErrors(error).filter((e) => e.path.startsWith('companions.'));
      form.setFields(
        fields.map((e) => ({
          name: fieldName(e.path) as ['companions', number, 'name'],
          errors: [e.message],
        })),
      );
    },
  });

  if (shift.isPending) return <Spin />;
  if (shift.isError) return <Alert type="error" role="alert" title={problemText(shift.error, t)} />;
  const s = shift.data;
  const where = s.event.location?.name ?? '';
  const when = shiftWhen(s.start, s.end, i18n.language);

  if (signUp.isSuccess) {
    const signup = signUp.data;
    const waitlisted = signup.status === 'waitlisted';
    return (
      <Result
        status={waitlisted ? 'info' : 'success'}
        title={
          <h2 aria-live="polite">
            {waitlisted
              ? t('signUp.waitlistedTitle', { position: signup.waitlistPosition })
              : t('signUp.confirmedTitle')}
          </h2>
        }
        subTitle={
          <p style={{ fontSize: '1em', color: 'inherit' }}>
            {waitlisted
              ? t('signUp.waitlistedBody', { position: signup.waitlistPosition })
              : t('signUp.confirmedBody', { when, where })}
          </p>
        }
        extra={[
          <Button key="mine" type="primary" onClick={() => navigate('/signups')}>
            {t('signUp.seeMine')}
          </Button>,
          <Button key="more" onClick={() => navigate('/')}>
            {t('signUp.findMore')}
          </Button>,
        ]}
      />
    );
  }

  const maxCompanions = s.maxPartySize - 1;
  return (
    <section aria-labelledby="signup-title">
      <h2 id="signup-title">{t('signUp.title')}</h2>
      <ShiftCard shift={s} notEligible={person.data ? whyNotEligible(s, person.data) : undefined} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ who: 'alone', companions: [{}] }}
        onFinish={(values) => signUp.mutate(values)}
        requiredMark={false}
      >
        {maxCompanions > 0 && (
          <Form.Item name="who" label={t('signUp.who')}>
            <Radio.Group
              options={[
                { value: 'alone', label: t('signUp.alone') },
                { value: 'party', label: t('signUp.withCompanions') },
              ]}
            />
          </Form.Item>
        )}
        {maxCompanions > 0 && who === 'party' && (
          <Form.List name="companions">
            {(fields, { add, remove }) => (
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend style={{ fontWeight: 600, fontSize: '1em' }}>
                  {t('signUp.companions')} ({t('signUp.maxCompanions', { count: maxCompanions })})
                </legend>
                {fields.map((field, index) => (
                  <div key={field.key} style={{ borderLeft: '4px solid #c9ced6', paddingLeft: 8 }}>
                    <strong>{t('signUp.companion', { n: index + 1 })}</strong>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('signUp.companionName')}
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          message: t('signUp.required', { field: t('signUp.companionName') }),
                        },
                      ]}
                    >
                      <Input autoComplete="off" maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'birthDate']}
                      label={t('signUp.companionBirthDate')}
                    >
                      <Input type="date" />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= 1}
                    >
                      {t('signUp.removeCompanion', { n: index + 1 })}
                    </Button>
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  style={{ margin: '12px 0' }}
                  onClick={() => add({})}
                  disabled={fields.length >= maxCompanions}
                >
                  {t('signUp.addCompanion')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        )}
        {refusal && (
          <Alert type="error" role="alert" showIcon title={refusal} style={{ marginBottom: 12 }} />
        )}
        <Button type="primary" htmlType="submit" block loading={signUp.isPending}>
          {t('signUp.submit')}
        </Button>
      </Form>
    </section>
  );
}
