/** Sentences for the codes the review folder (src/project) reports: errors and event-log diagnostics. */
import type { Catalogue } from './types.js';

export const messages: Catalogue = {
  en: {
    'error.REVIEW_EXISTS': '{dir} already holds a review.',
    'error.NOT_A_REVIEW': '{dir} is not a review folder (no review.json). Create one with: review init {dir} --protocol FILE',
    'error.NEWER_SCHEMA': '{dir} was written by a newer version of review (schema {version}); update the tool.',
    'error.PROTOCOL_FILE_NOT_FOUND': 'file not found: {file}',
    'error.IMPORT_FILE_NOT_FOUND': 'file not found: {file}',
    'error.PROTOCOL_INVALID': 'the protocol {file} has problems:',
    'error.DISK_FULL': 'the disk is full while writing {file}; nothing already saved was lost. Free space and run the command again.',
    'error.READ_ONLY': 'cannot write {file}: the review folder is read-only; nothing already saved was lost.',
    'error.LOCKED': 'This review is in use by another process (pid {pid} on {host}, "{command}", since {since}). Wait for it to finish, or remove {file} if that process is gone.',
    'diag.LOG_BAD_LINE': 'unreadable event line skipped',
    'diag.LOG_TORN_LINE': 'incomplete last line (interrupted write) skipped; it was never confirmed',
  },
  'pt-BR': {
    'error.REVIEW_EXISTS': '{dir} já contém uma revisão.',
    'error.NOT_A_REVIEW': '{dir} não é a pasta de uma revisão (falta review.json). Crie uma com: review init {dir} --protocol ARQUIVO',
    'error.NEWER_SCHEMA': '{dir} foi gravada por uma versão mais nova do review (esquema {version}); atualize a ferramenta.',
    'error.PROTOCOL_FILE_NOT_FOUND': 'arquivo não encontrado: {file}',
    'error.IMPORT_FILE_NOT_FOUND': 'arquivo não encontrado: {file}',
    'error.PROTOCOL_INVALID': 'o protocolo {file} tem problemas:',
    'error.DISK_FULL': 'o disco está cheio ao gravar {file}; nada do que já estava salvo foi perdido. Libere espaço e rode o comando de novo.',
    'error.READ_ONLY': 'não foi possível gravar {file}: a pasta da revisão é somente leitura; nada do que já estava salvo foi perdido.',
    'error.LOCKED': 'Esta revisão está em uso por outro processo (pid {pid} em {host}, "{command}", desde {since}). Aguarde o término, ou apague {file} se esse processo não existe mais.',
    'diag.LOG_BAD_LINE': 'linha ilegível do registro de eventos ignorada',
    'diag.LOG_TORN_LINE': 'última linha incompleta (gravação interrompida) ignorada; ela nunca foi confirmada',
  },
};
