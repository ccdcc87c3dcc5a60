/** Sources and databases as the user's language names them: one name per thing (Google Acadêmico in pt-BR). */
import { t } from './i18n.js';

/** `bvs` -> BVS, `google-scholar` -> Google Acadêmico (pt-BR) / Google Scholar (en). */
export function sourceLabel(id: string): string {
  const key = `source.${id}`;
  const label = t(key);
  return label === key ? id : label;
}

/** A database or source name as records and the core write it ("Google Scholar"), for the screen. */
export function databaseLabel(name: string): string {
  return name === 'Google Scholar' ? sourceLabel('google-scholar') : name;
}

/** A `source/database` key of the counts ("bvs/LILACS", "google-scholar/Google Scholar") as a reader names it: "LILACS (BVS)", "Google Acadêmico". */
export function sourceDatabaseLabel(key: string): string {
  const cut = key.indexOf('/');
  const source = sourceLabel(cut < 0 ? key : key.slice(0, cut));
  const database = cut < 0 ? '' : databaseLabel(key.slice(cut + 1));
  return !database || database === source ? source : `${database} (${source})`;
}

/** The platform a source is searched on (`search.platform.<id>`), else the core's own words. */
export function platformLabel(id: string, fallback: string): string {
  const key = `search.platform.${id}`;
  const label = t(key);
  return label === key ? fallback : label;
}

/** How to export from the portal by hand: `{ format, how }` in the user's language when the catalogue has it. */
export function manualExportText(id: string, fallback: { format: string; how: string }): { format: string; how: string } {
  const format = t(`search.export.${id}.format`);
  const how = t(`search.export.${id}.how`);
  return format.startsWith('search.export.') ? fallback : { format, how };
}

/** `review import DIR FILE --source bvs` with the file placeholder in the user's language (ARQUIVO). */
export function importCommandText(command: string): string {
  return command.replace(/ FILE( |$)/, ` ${t('cli.value.file').toUpperCase()}$1`);
}
