import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';

/**
 * The last Bedrock operations of every client: model, API, status, latency, tokens, request id, retries. No content.
 */
export class QwcBedrockRecentRequests extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 8px; padding: 10px; }
        table { border-collapse: collapse; font-size: small; }
        th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct, #eee); }
    `;

    static properties = {
        _entries: { state: true },
    };

    constructor() {
        super();
        this._entries = [];
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.recentRequests().then(response => { this._entries = response.result; });
    }

    _clear() {
        this.jsonRpc.clearRecentRequests().then(() => this._refresh());
    }

    render() {
        return html`
            <div><button id="refresh" @click=${this._refresh}>Refresh</button>
                 <button id="clear" @click=${this._clear}>Clear</button></div>
            <table id="recent">
                <tr><th>Time</th><th>Client</th><th>Operation</th><th>Model</th><th>API</th><th>Status</th>
                    <th>Latency (ms)</th><th>First chunk (ms)</th><th>Input tokens</th><th>Output tokens</th>
                    <th>Request id</th><th>Retries</th></tr>
                ${this._entries.map(e => html`<tr>
                    <td>${e.time}</td><td>${e.client}</td><td>${e.operation}${e.stream ? ' (stream)' : ''}</td>
                    <td>${e.model}</td><td>${e.api ?? ''}</td><td>${e.status}</td><td>${e.latencyMs}</td>
                    <td>${e.timeToFirstChunkMs >= 0 ? e.timeToFirstChunkMs : ''}</td>
                    <td>${e.inputTokens >= 0 ? e.inputTokens : ''}</td><td>${e.outputTokens >= 0 ? e.outputTokens : ''}</td>
                    <td>${e.requestId ?? ''}</td><td>${e.retries}</td></tr>`)}
            </table>`;
    }
}
customElements.define('qwc-bedrock-recent-requests', QwcBedrockRecentRequests);
