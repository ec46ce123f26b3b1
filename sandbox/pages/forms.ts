/** Small HTML helpers for the special pages' forms: every value escaped, every field labelled. */
import { escapeHtml } from "../http";
import type { BrowserSessionRecord } from "../state";
import { csrfToken } from "./session";

export function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

export function csrfField(session: BrowserSessionRecord): string {
  return hidden("wpEditToken", csrfToken(session));
}

export function textField(id: string, label: string, value = "", type = "text", extra = ""): string {
  return `<div class="field"><label for="${id}">${escapeHtml(label)}</label><br>` +
    `<input type="${type}" id="${id}" name="${id}" value="${escapeHtml(value)}" ${extra}></div>`;
}

export function checkbox(id: string, name: string, value: string, label: string, checked: boolean): string {
  return `<div><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked ? " checked" : ""}> ` +
    `<label class="check" for="${id}">${escapeHtml(label)}</label></div>`;
}

export function radio(id: string, name: string, value: string, label: string, checked: boolean): string {
  return `<div><input type="radio" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked ? " checked" : ""}> ` +
    `<label class="check" for="${id}">${escapeHtml(label)}</label></div>`;
}

export function errorBox(message: string): string {
  return `<div class="error-box" role="alert">${escapeHtml(message)}</div>`;
}

export function successBox(markup: string): string {
  return `<div class="success-box" role="status">${markup}</div>`;
}
