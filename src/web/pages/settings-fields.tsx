import { SECTIONS, type FieldSpec, type FormValues } from '../settings-form.ts';
import { FieldError } from '../layout.tsx';
import { words } from '../format.ts';

export const inputId = (name: string) => `s-${name.replace(/[^A-Za-z0-9]/g, '-')}`;

function Field({ f, value, errors }: { f: FieldSpec; value: string | string[] | undefined; errors?: string[] }) {
  const id = inputId(f.name);
  const invalid = errors?.length ? 'true' : undefined;
  const described = [errors?.length ? `${id}-error` : '', f.help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const one = Array.isArray(value) ? value[0] ?? '' : value ?? '';
  const help = f.help && <small id={`${id}-help`} class="help">{f.kind === 'json' ? <>Example: <code>{f.help}</code></> : f.help}</small>;
  if (f.kind === 'bool') {
    return (
      <div class={`field bool${invalid ? ' invalid' : ''}`}>
        <input type="checkbox" id={id} name={f.name} checked={one === 'on'} aria-invalid={invalid} aria-describedby={described} />
        <label for={id}>{f.label}</label>
        <FieldError id={id} messages={errors} />
      </div>
    );
  }
  if (f.kind === 'multi') {
    const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
    return (
      <fieldset class={`field multi${invalid ? ' invalid' : ''}`} aria-describedby={described}>
        <legend>{f.label}</legend>
        {f.options!.map((o) => (
          <span class="choice"><input type="checkbox" id={`${id}-${o}`} name={f.name} value={o} checked={chosen.has(o)} /><label for={`${id}-${o}`}>{words(o)}</label></span>
        ))}
        <FieldError id={id} messages={errors} />
      </fieldset>
    );
  }
  return (
    <div class={`field ${f.kind}${invalid ? ' invalid' : ''}`}>
      <label for={id}>{f.label}</label>
      {f.kind === 'choice' ? (
        <select id={id} name={f.name} aria-invalid={invalid} aria-describedby={described}>{f.options!.map((o) => <option value={o} selected={o === one}>{o}</option>)}</select>
      ) : f.kind === 'json' || f.kind === 'lines' ? (
        <textarea id={id} name={f.name} rows={f.kind === 'json' ? 6 : 3} spellcheck={false} aria-invalid={invalid} aria-describedby={described}>{one}</textarea>
      ) : (
        <input id={id} name={f.name} type="text" inputmode={f.kind === 'number' ? 'decimal' : undefined} value={one} aria-invalid={invalid} aria-describedby={described} />
      )}
      <FieldError id={id} messages={errors} />
      {help}
    </div>
  );
}

/** Every setting as an input named by its path, grouped in sections; errors next to their field. */
export function SettingsFields({ values, errors = {} }: { values: FormValues; errors?: Record<string, string[]> }) {
  return (
    <>
      {SECTIONS.map((s) => (
        <fieldset class="section card">
          <legend>{s.title}</legend>
          <div class={s.fields.length > 3 ? 'fields' : 'fields three'}>
            {s.fields.map((f) => <Field f={f} value={values[f.name]} errors={errors[f.name]} />)}
          </div>
        </fieldset>
      ))}
    </>
  );
}
