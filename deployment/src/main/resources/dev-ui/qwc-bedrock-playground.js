import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/**
 * The Bedrock chat playground: pick a client and a model, write a system prompt, a message and tools (JSON), and watch
 * the answer stream in: text, thinking, tool calls, usage, stop reason, time to first chunk, request id.
 */
export class QwcBedrockPlayground extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 8px; padding: 10px; }
        label { display: flex; flex-direction: column; font-size: small; gap: 2px; }
        input, select, textarea { font: inherit; padding: 4px; }
        textarea { min-height: 3em; }
        .row { display: flex; gap: 8px; }
        .row label { flex: 1; }
        .answer { white-space: pre-wrap; border: 1px solid var(--lumo-contrast-20pct, #ccc); padding: 8px; min-height: 4em; }
        .thinking { white-space: pre-wrap; font-style: italic; opacity: 0.7; }
        .facts { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: small; }
        .error { color: var(--lumo-error-text-color, #c00); }
    `;

    static properties = {
        _clients: { state: true },
        _text: { state: true },
        _thinking: { state: true },
        _toolCalls: { state: true },
        _facts: { state: true },
        _error: { state: true },
        _running: { state: true },
    };

    constructor() {
        super();
        this._clients = [];
        this._reset();
        this._running = false;
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.clients().then(response => { this._clients = response.result; });
    }

    disconnectedCallback() {
        this._observer?.cancel();
        super.disconnectedCallback();
    }

    _reset() {
        this._text = '';
        this._thinking = '';
        this._toolCalls = [];
        this._facts = {};
        this._error = null;
    }

    render() {
        return html`
            <div class="row">
                <label>Client
                    <select id="client">${this._clients.map(c => html`<option value="${c}">${c}</option>`)}</select>
                </label>
                <label>Model
                    <input id="model" value="anthropic.claude-3-haiku-20240307-v1:0">
                </label>
            </div>
            <label>System prompt <textarea id="system"></textarea></label>
            <label>Message <textarea id="message"></textarea></label>
            <label>Tools (JSON array of {name, description, inputSchema}) <textarea id="tools"></textarea></label>
            <div><button id="send" ?disabled=${this._running} @click=${this._send}>Send</button></div>
            ${this._thinking ? html`<div class="thinking" id="thinking">${this._thinking}</div>` : ''}
            <div class="answer" id="answer">${this._text}</div>
            ${this._toolCalls.map(t => html`<div class="toolcall">Tool call <b>${t.name}</b> ${t.arguments}</div>`)}
            ${this._error ? html`<div class="error" id="error">${this._error}</div>` : ''}
            <div class="facts" id="facts">
                ${Object.entries(this._facts).map(([k, v]) => html`<span>${k}</span><span class="fact-${k.replace(/ /g, '-')}">${v}</span>`)}
            </div>`;
    }

    _value(id) {
        return this.renderRoot.querySelector('#' + id).value;
    }

    _send() {
        this._observer?.cancel();
        this._reset();
        this._running = true;
        this._observer = this.jsonRpc.chat({
            client: this._value('client'),
            model: this._value('model'),
            system: this._value('system'),
            message: this._value('message'),
            tools: this._value('tools'),
        }).onNext(response => this._onEvent(response.result));
    }

    _onEvent(e) {
        switch (e.kind) {
            case 'text': this._text += e.text; break;
            case 'thinking': this._thinking += e.text; break;
            case 'toolCall': this._toolCalls = [...this._toolCalls, e]; break;
            case 'usage': this._fact('input tokens', e.inputTokens); this._fact('output tokens', e.outputTokens);
                if (e.cacheReadInputTokens || e.cacheWriteInputTokens) {
                    this._fact('cache read / write', e.cacheReadInputTokens + ' / ' + e.cacheWriteInputTokens);
                }
                break;
            case 'stop': this._fact('stop reason', e.reason); break;
            case 'firstChunk': this._fact('time to first chunk', e.ms + ' ms'); break;
            case 'metadata': this._fact('request id', e.requestId); this._fact('api', e.api); break;
            case 'error': this._error = e.type + ': ' + e.message; this._running = false; break;
            case 'done': this._fact('total', e.ms + ' ms'); this._running = false; break;
        }
    }

    _fact(name, value) {
        this._facts = { ...this._facts, [name]: value };
    }
}
customElements.define('qwc-bedrock-playground', QwcBedrockPlayground);
