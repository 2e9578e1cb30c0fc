<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Push-to-talk speech translation: hold a hotkey, speak, hear the translation.</source>
        <translation>Sprachübersetzung auf Tastendruck: eine Taste halten, sprechen, die Übersetzung hören.</translation>
    </message>
    <message>
        <source>About Dragoman</source>
        <translation>Über Dragoman</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Show the folder of %1 in the file manager</source>
        <translation>Den Ordner von %1 im Dateimanager zeigen</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Copy these lines, for a bug report</source>
        <translation>Diese Zeilen kopieren, für einen Fehlerbericht</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Einstellungsdatei</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>BannerWidget</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Next step for: %1</source>
        <translation>Nächster Schritt für: %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss %1</source>
        <translation>%1 schließen</translation>
    </message>
</context>
<context>
    <name>CaptionOverlay</name>
    <message>
        <source>Dragoman captions</source>
        <translation>Dragoman-Untertitel</translation>
    </message>
    <message>
        <source>Live captions</source>
        <translation>Live-Untertitel</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>Fertig (Eingabetaste)</translation>
    </message>
    <message>
        <source>Keep the captions here (Enter); Escape puts them back</source>
        <translation>Untertitel hier lassen (Eingabetaste); Escape setzt sie zurück</translation>
    </message>
    <message>
        <source>Captions appear here. Drag to move, drag a side to change the width.</source>
        <translation>Hier erscheinen die Untertitel. Ziehen zum Verschieben, an einer Seite ziehen, um die Breite zu ändern.</translation>
    </message>
</context>
<context>
    <name>CompactWindow</name>
    <message>
        <source>Dragoman compact window</source>
        <translation>Dragoman-Kompaktfenster</translation>
    </message>
    <message>
        <source>The language pair; recent pairs on its menu</source>
        <translation>Das Sprachpaar; die zuletzt verwendeten Paare im Menü</translation>
    </message>
    <message>
        <source>Swap the two languages</source>
        <translation>Die beiden Sprachen tauschen</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Sprachen tauschen</translation>
    </message>
    <message>
        <source>Open the main window</source>
        <translation>Hauptfenster öffnen</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Last original</source>
        <translation>Letztes Original</translation>
    </message>
    <message>
        <source>Last translation</source>
        <translation>Letzte Übersetzung</translation>
    </message>
    <message>
        <source>Languages: %1 to %2</source>
        <translation>Sprachen: %1 nach %2</translation>
    </message>
    <message>
        <source>No recent pairs yet</source>
        <translation>Noch keine zuletzt verwendeten Paare</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>hört zu</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>übersetzt</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>verbinde neu</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman – %1</translation>
    </message>
    <message>
        <source>Press to unmute.</source>
        <translation>Zum Aufheben der Stummschaltung drücken.</translation>
    </message>
    <message>
        <source>Press to mute everything going into the call.</source>
        <translation>Drücken, um alles stumm zu schalten, was in den Anruf geht.</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>%1 The talk keys work; the other hotkeys (%2) are off until that is fixed in Settings → Push-to-talk.</source>
        <translation>%1 Die Sprechtasten funktionieren; die anderen Tastenkürzel (%2) sind aus, bis das unter Einstellungen → Push-to-Talk behoben ist.</translation>
    </message>
    <message>
        <source>The hotkey works only while Dragoman&apos;s window has focus: %1. Bind `dragoman ptt press` / `dragoman ptt release` in your desktop&apos;s keyboard settings for a global key.</source>
        <translation>Das Tastenkürzel funktioniert nur, solange das Dragoman-Fenster den Fokus hat: %1. Legen Sie `dragoman ptt press` / `dragoman ptt release` in den Tastatureinstellungen Ihres Desktops auf eine Taste, um eine globale Taste zu erhalten.</translation>
    </message>
</context>
<context>
    <name>DubbingWindow</name>
    <message>
        <source>Dubbing — Dragoman</source>
        <translation>Synchronisation – Dragoman</translation>
    </message>
    <message>
        <source>Translate a whole recording or video: Pinch returns the same media spoken in another language, with subtitles. Results are saved beside each file.</source>
        <translation>Eine ganze Aufnahme oder ein Video übersetzen: Pinch liefert dieselben Medien in einer anderen Sprache gesprochen, mit Untertiteln. Die Ergebnisse werden neben jeder Datei gespeichert.</translation>
    </message>
    <message>
        <source>Drop recordings or videos here (mp4, mov, mkv, webm, wav, mp3, …)</source>
        <translation>Aufnahmen oder Videos hier ablegen (mp4, mov, mkv, webm, wav, mp3, …)</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>…or paste a direct link to a media file (https://…/talk.mp4)</source>
        <translation>…oder einen direkten Link zu einer Mediendatei einfügen (https://…/vortrag.mp4)</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Link hinzufügen</translation>
    </message>
    <message>
        <source>Reduce accent</source>
        <translation>Akzent verringern</translation>
    </message>
    <message>
        <source>Ask for a more native-sounding voice in the new language.</source>
        <translation>Eine natürlicher klingende Stimme in der neuen Sprache anfordern.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>nach</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Ergebnis öffnen</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Im Ordner zeigen</translation>
    </message>
    <message>
        <source>Copy job id</source>
        <translation>Auftrags-ID kopieren</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Nicht mehr warten</translation>
    </message>
    <message>
        <source>Stop following this job here (at Pinch it may go on; Resume picks it up again).</source>
        <translation>Diesen Auftrag hier nicht mehr verfolgen (bei Pinch läuft er vielleicht weiter; „Fortsetzen“ nimmt ihn wieder auf).</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>Added %n job(s): uploading, then Pinch takes a few minutes per hour of media.</source>
        <translation>
            <numerusform>%n Auftrag hinzugefügt: wird hochgeladen, dann braucht Pinch einige Minuten pro Stunde Medien.</numerusform>
            <numerusform>%n Aufträge hinzugefügt: werden hochgeladen, dann braucht Pinch einige Minuten pro Stunde Medien.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dub recordings or videos</source>
        <translation>Aufnahmen oder Videos synchronisieren</translation>
    </message>
    <message>
        <source>Copied the job id %1 (support asks for it).</source>
        <translation>Auftrags-ID %1 kopiert (der Support fragt danach).</translation>
    </message>
    <message>
        <source>Dubbing done</source>
        <translation>Synchronisation fertig</translation>
    </message>
    <message>
        <source>%1 in %2: saved as %3.</source>
        <translation>%1 auf %2: gespeichert als %3.</translation>
    </message>
    <message>
        <source>Dubbing failed</source>
        <translation>Synchronisation fehlgeschlagen</translation>
    </message>
    <message>
        <source>Dubbing needs attention</source>
        <translation>Synchronisation braucht Aufmerksamkeit</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Wear headphones for this check and for talking: on speakers the microphone hears the playback, so you get an echo here and Dragoman may hear its own translation later.</source>
        <translation>Tragen Sie für diesen Test und beim Sprechen Kopfhörer: Über Lautsprecher hört das Mikrofon die Wiedergabe mit, dann hören Sie hier ein Echo, und Dragoman hört später womöglich seine eigene Übersetzung.</translation>
    </message>
    <message>
        <source>Dragoman watches the keyboard itself, so the key works whatever window is in front.</source>
        <translation>Dragoman beobachtet die Tastatur selbst, die Taste funktioniert also unabhängig davon, welches Fenster vorne ist.</translation>
    </message>
    <message>
        <source>Your desktop passes the key to Dragoman (its global-shortcuts service); the desktop may ask you once to allow it.</source>
        <translation>Ihr Desktop gibt die Taste an Dragoman weiter (über seinen Dienst für globale Tastenkürzel); der Desktop fragt eventuell einmal um Erlaubnis.</translation>
    </message>
    <message>
        <source>The key works only while Dragoman&apos;s window is in front. To talk from any window, bind the commands `dragoman ptt press` and `dragoman ptt release` to a key in your desktop&apos;s keyboard settings.</source>
        <translation>Die Taste funktioniert nur, solange das Dragoman-Fenster vorne ist. Um aus jedem Fenster zu sprechen, legen Sie die Befehle `dragoman ptt press` und `dragoman ptt release` in den Tastatureinstellungen Ihres Desktops auf eine Taste.</translation>
    </message>
    <message>
        <source>The key is not connected to your desktop yet; if “Got it” never appears, the key works only while Dragoman&apos;s window is in front (see the README: Hotkeys on each desktop).</source>
        <translation>Die Taste ist noch nicht mit Ihrem Desktop verbunden; erscheint „Verstanden“ nie, funktioniert sie nur, solange das Dragoman-Fenster vorne ist (siehe README: Hotkeys on each desktop).</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt;: Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt;: ⋮ More options → Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt;: User Settings → Voice &amp;amp; Video → Input Device → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Keep your headphones as Dragoman&apos;s monitor output (Settings → Audio) to hear the translation yourself.</source>
        <translation>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt;: Einstellungen → Audio → Mikrofon → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt;: ⋮ Weitere Optionen → Einstellungen → Audio → Mikrofon → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt;: Benutzereinstellungen → Sprache &amp;amp; Video → Eingabegerät → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Behalten Sie Ihre Kopfhörer als Mithörausgang von Dragoman (Einstellungen → Audio), um die Übersetzung selbst zu hören.</translation>
    </message>
    <message>
        <source>Set up Dragoman</source>
        <translation>Dragoman einrichten</translation>
    </message>
    <message>
        <source>Welcome to Dragoman</source>
        <translation>Willkommen bei Dragoman</translation>
    </message>
    <message>
        <source>A push-to-talk interpreter for your desktop.</source>
        <translation>Ein Dolmetscher auf Tastendruck für Ihren Desktop.</translation>
    </message>
    <message>
        <source>Hold a key anywhere on your desktop and speak: Dragoman translates what you say, plays the translation in your headphones or into a call, and shows both texts side by side.</source>
        <translation>Halten Sie irgendwo auf dem Desktop eine Taste gedrückt und sprechen Sie: Dragoman übersetzt, was Sie sagen, spielt die Übersetzung in Ihren Kopfhörern oder in einen Anruf ab und zeigt beide Texte nebeneinander.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your speech goes to Pinch&apos;s cloud service.&lt;/b&gt; While you hold the key, your microphone is streamed to Pinch&apos;s real-time translation service, which sends back the text and the translated speech. Nothing is sent between holds, and your API key stays in your OS keyring. Read the &lt;a href=&quot;%1&quot;&gt;privacy notes&lt;/a&gt; (also in the README), or visit the &lt;a href=&quot;%2&quot;&gt;Pinch developer portal&lt;/a&gt;.</source>
        <translation>&lt;b&gt;Ihre Sprache geht an den Cloud-Dienst von Pinch.&lt;/b&gt; Solange Sie die Taste halten, wird Ihr Mikrofon an den Echtzeit-Übersetzungsdienst von Pinch übertragen, der den Text und die übersetzte Sprache zurückschickt. Zwischen den Tastendrücken wird nichts gesendet, und Ihr API-Schlüssel bleibt im Schlüsselbund Ihres Systems. Lesen Sie die &lt;a href=&quot;%1&quot;&gt;Datenschutzhinweise&lt;/a&gt; (auch im README) oder besuchen Sie das &lt;a href=&quot;%2&quot;&gt;Pinch-Entwicklerportal&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>The next pages take a minute: your key, your microphone, your push-to-talk key and, if you want, a microphone for calls.</source>
        <translation>Die nächsten Seiten dauern eine Minute: Ihr Schlüssel, Ihr Mikrofon, Ihre Push-to-Talk-Taste und, wenn Sie möchten, ein Mikrofon für Anrufe.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Choose your microphone and speak: the bar should move.</source>
        <translation>Wählen Sie Ihr Mikrofon und sprechen Sie: Der Balken sollte sich bewegen.</translation>
    </message>
    <message>
        <source>The microphone Dragoman listens to while you hold the key</source>
        <translation>Das Mikrofon, dem Dragoman zuhört, während Sie die Taste halten</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <source>Hold to hear yourself</source>
        <translation>Halten, um sich selbst zu hören</translation>
    </message>
    <message>
        <source>While you hold it, your voice plays back through the same path your translations take. Nothing is sent to the service.</source>
        <translation>Solange Sie ihn halten, wird Ihre Stimme über denselben Weg wiedergegeben, den Ihre Übersetzungen nehmen. An den Dienst wird nichts gesendet.</translation>
    </message>
    <message>
        <source>Your push-to-talk key</source>
        <translation>Ihre Push-to-Talk-Taste</translation>
    </message>
    <message>
        <source>Hold it to talk, release it to hear the translation.</source>
        <translation>Halten zum Sprechen, loslassen, um die Übersetzung zu hören.</translation>
    </message>
    <message>
        <source>Waiting for the key…</source>
        <translation>Warte auf die Taste…</translation>
    </message>
    <message>
        <source>Another key? Click the field and press the key or combination you want (Right Ctrl alone, Ctrl+Shift+Space, a mouse side button…).</source>
        <translation>Eine andere Taste? Klicken Sie in das Feld und drücken Sie die gewünschte Taste oder Kombination (Strg rechts allein, Strg+Umschalt+Leertaste, eine Maus-Seitentaste…).</translation>
    </message>
    <message>
        <source>Translated voice in calls (optional)</source>
        <translation>Übersetzte Stimme in Anrufen (optional)</translation>
    </message>
    <message>
        <source>Let the other side of a Zoom, Meet or Discord call hear the translation.</source>
        <translation>Die andere Seite eines Zoom-, Meet- oder Discord-Anrufs die Übersetzung hören lassen.</translation>
    </message>
    <message>
        <source>Dragoman can create a virtual microphone, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, and play the translation into it. In your call app, choose it as the microphone:</source>
        <translation>Dragoman kann ein virtuelles Mikrofon, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, anlegen und die Übersetzung hineinspielen. Wählen Sie es in Ihrer Anruf-App als Mikrofon:</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Virtuelles Mikrofon anlegen</translation>
    </message>
    <message>
        <source>Not available here: on Windows install VB-CABLE, on macOS BlackHole, then choose it as the call output in Settings → Audio.</source>
        <translation>Hier nicht verfügbar: Installieren Sie unter Windows VB-CABLE, unter macOS BlackHole und wählen Sie es dann unter Einstellungen → Audio als Anrufausgang.</translation>
    </message>
    <message>
        <source>Skip this page if you only need the translation yourself.</source>
        <translation>Überspringen Sie diese Seite, wenn Sie die Übersetzung nur selbst brauchen.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Dragoman is set up.</source>
        <translation>Dragoman ist eingerichtet.</translation>
    </message>
    <message>
        <source>Dragoman lives in the tray: closing the window keeps push-to-talk working. Run this assistant again from Help → Setup assistant or the tray menu.</source>
        <translation>Dragoman lebt im Infobereich: Schließen des Fensters lässt Push-to-Talk weiterlaufen. Diesen Assistenten starten Sie erneut über Hilfe → Einrichtungsassistent oder das Menü im Infobereich.</translation>
    </message>
    <message>
        <source>Set up Dragoman (%1 of %2): %3</source>
        <translation>Dragoman einrichten (%1 von %2): %3</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (nicht verbunden)</translation>
    </message>
    <message>
        <source>Talk: hold &lt;b&gt;%1&lt;/b&gt; (or the big button in the window).</source>
        <translation>Sprechen: &lt;b&gt;%1&lt;/b&gt; halten (oder die große Schaltfläche im Fenster).</translation>
    </message>
    <message>
        <source>API key: %1</source>
        <translation>API-Schlüssel: %1</translation>
    </message>
    <message>
        <source>Call output: %1.</source>
        <translation>Anrufausgang: %1.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Datenschutz</translation>
    </message>
    <message>
        <source>Listening… release to stop</source>
        <translation>Hört zu… zum Beenden loslassen</translation>
    </message>
    <message>
        <source>Speak now: you should hear yourself.</source>
        <translation>Sprechen Sie jetzt: Sie sollten sich selbst hören.</translation>
    </message>
    <message>
        <source>Nothing was played back: check the monitor output in Settings → Audio (your headphones), then try again.</source>
        <translation>Nichts wurde wiedergegeben: Prüfen Sie den Mithörausgang unter Einstellungen → Audio (Ihre Kopfhörer) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The microphone gave only silence: choose another microphone above, or check that it is not muted.</source>
        <translation>Das Mikrofon lieferte nur Stille: Wählen Sie oben ein anderes Mikrofon oder prüfen Sie, ob es stummgeschaltet ist.</translation>
    </message>
    <message>
        <source>You heard yourself %1 ms after pressing. That is the delay your own voice has through Dragoman.</source>
        <translation>Sie haben sich %1 ms nach dem Drücken gehört. So groß ist die Verzögerung Ihrer eigenen Stimme durch Dragoman.</translation>
    </message>
    <message>
        <source>Got it: your reverse-direction key works.</source>
        <translation>Verstanden: Ihre Taste für die Gegenrichtung funktioniert.</translation>
    </message>
    <message>
        <source>Got it: your key works.</source>
        <translation>Verstanden: Ihre Taste funktioniert.</translation>
    </message>
    <message>
        <source>Saved. Now press %1 to try it.</source>
        <translation>Gespeichert. Drücken Sie jetzt %1, um es auszuprobieren.</translation>
    </message>
    <message>
        <source>Your push-to-talk key is &lt;b&gt;%1&lt;/b&gt;. Press it now, with any window in front: this page says “Got it”. Nothing is translated while this assistant is open.</source>
        <translation>Ihre Push-to-Talk-Taste ist &lt;b&gt;%1&lt;/b&gt;. Drücken Sie sie jetzt, mit einem beliebigen Fenster im Vordergrund: Diese Seite sagt „Verstanden“. Solange dieser Assistent offen ist, wird nichts übersetzt.</translation>
    </message>
    <message>
        <source>The saved key &apos;%1&apos; cannot be used: %2</source>
        <translation>Die gespeicherte Taste „%1“ ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Virtuelles Mikrofon wird angelegt…</translation>
    </message>
    <message>
        <source>“Dragoman Microphone” is ready and is now Dragoman&apos;s call output: choose it as the microphone in your call app.</source>
        <translation>„Dragoman Microphone“ ist bereit und jetzt der Anrufausgang von Dragoman: Wählen Sie es in Ihrer Anruf-App als Mikrofon.</translation>
    </message>
    <message>
        <source>Virtual microphone created</source>
        <translation>Virtuelles Mikrofon angelegt</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Text (*.txt)</source>
        <translation>Text (*.txt)</translation>
    </message>
    <message>
        <source>SubRip subtitles (*.srt)</source>
        <translation>SubRip-Untertitel (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>WebVTT-Untertitel (*.vtt)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Audio sent to the translation service, counted by Dragoman at the end of each hold (the same count as the status bar). A cost is shown only once you set your price per minute in Settings → Session.</source>
        <translation>An den Übersetzungsdienst gesendetes Audio, von Dragoman am Ende jedes Tastendrucks gezählt (dieselbe Zählung wie in der Statusleiste). Kosten werden erst angezeigt, wenn Sie unter Einstellungen → Sitzung Ihren Preis pro Minute festlegen.</translation>
    </message>
    <message>
        <source>Search both columns…</source>
        <translation>Beide Spalten durchsuchen…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Übersetzung</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Gespräch löschen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day, priced at your price per minute.</source>
        <translation>An diesem Tag an den Dienst gesendetes Audio, zu Ihrem Preis pro Minute berechnet.</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day. Set your price per minute in Settings → Session to see what it cost.</source>
        <translation>An diesem Tag an den Dienst gesendetes Audio. Legen Sie unter Einstellungen → Sitzung Ihren Preis pro Minute fest, um die Kosten zu sehen.</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Gespräch exportieren</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>gespraech</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Zeile kopieren</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Übersetzung erneut abspielen</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>Zeile löschen</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>Zeilen löschen</translation>
    </message>
</context>
<context>
    <name>HistorySettingsPage</name>
    <message>
        <source>Keep everything</source>
        <translation>Alles behalten</translation>
    </message>
    <message>
        <source>Keep for a number of days</source>
        <translation>Für eine Anzahl von Tagen behalten</translation>
    </message>
    <message>
        <source>Off: keep nothing new</source>
        <translation>Aus: nichts Neues behalten</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>Nicht behalten</translation>
    </message>
    <message>
        <source>Replays also go to the call output</source>
        <translation>Wiedergaben gehen auch an den Anrufausgang</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Verlauf löschen…</translation>
    </message>
    <message>
        <source>Transcripts</source>
        <translation>Transkripte</translation>
    </message>
    <message>
        <source>Keep transcripts for</source>
        <translation>Transkripte behalten für</translation>
    </message>
    <message>
        <source>Keep translated speech for</source>
        <translation>Übersetzte Sprache behalten für</translation>
    </message>
    <message>
        <source>The history stays on this computer, readable only by you. With history off nothing is written; what was kept stays until you clear it.</source>
        <translation>Der Verlauf bleibt auf diesem Computer und ist nur für Sie lesbar. Ist der Verlauf aus, wird nichts geschrieben; was behalten wurde, bleibt, bis Sie es löschen.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Verlauf löschen</translation>
    </message>
    <message>
        <source>Delete every saved conversation, its text and its translated speech? This cannot be undone.</source>
        <translation>Jedes gespeicherte Gespräch samt Text und übersetzter Sprache löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
<context>
    <name>HotkeyRecorder</name>
    <message>
        <source>Mouse buttons work with the X11 / Windows / macOS keyboard hook and the in-window key, not with the Wayland desktop portal.</source>
        <translation>Maustasten funktionieren mit dem Tastatur-Hook für X11 / Windows / macOS und der Taste im Fenster, nicht mit dem Wayland-Desktop-Portal.</translation>
    </message>
    <message>
        <source>Press the hotkey… (Esc cancels)</source>
        <translation>Tastenkürzel drücken… (Esc bricht ab)</translation>
    </message>
    <message>
        <source>That key cannot be part of a hotkey: use F1 to F24, a letter, a digit, a named key such as Space or Pause, a modifier, or a mouse side button.</source>
        <translation>Diese Taste kann nicht Teil eines Tastenkürzels sein: Verwenden Sie F1 bis F24, einen Buchstaben, eine Ziffer, eine benannte Taste wie Leertaste oder Pause, eine Umschalttaste oder eine Maus-Seitentaste.</translation>
    </message>
    <message>
        <source>Click, then press the keys you want to hold to talk.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die Sie zum Sprechen halten möchten.</translation>
    </message>
    <message>
        <source>The talk hotkey cannot be empty.</source>
        <translation>Das Sprech-Tastenkürzel darf nicht leer sein.</translation>
    </message>
    <message>
        <source>%1 is also the %2: the two must differ.</source>
        <translation>%1 ist auch das %2: Die beiden müssen sich unterscheiden.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keins</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>Support asks for the job id: select the row and press Copy job id.</source>
        <translation>Der Support fragt nach der Auftrags-ID: Zeile auswählen und „Auftrags-ID kopieren“ drücken.</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Your Pinch API key</source>
        <translation>Ihr Pinch-API-Schlüssel</translation>
    </message>
    <message>
        <source>Dragoman needs a key to use Pinch&apos;s translation service.</source>
        <translation>Dragoman braucht einen Schlüssel, um den Übersetzungsdienst von Pinch zu nutzen.</translation>
    </message>
    <message>
        <source>No key yet? &lt;a href=&quot;%1&quot;&gt;Get a key&lt;/a&gt; on the Pinch developer portal (sign in, create a key, copy it), then paste it here.</source>
        <translation>Noch keinen Schlüssel? &lt;a href=&quot;%1&quot;&gt;Holen Sie sich einen Schlüssel&lt;/a&gt; im Pinch-Entwicklerportal (anmelden, Schlüssel erstellen, kopieren) und fügen Sie ihn dann hier ein.</translation>
    </message>
    <message>
        <source>Next saves the key in your OS keyring (never in a file); Test opens a real session with it first. You can also skip this and add a key later in Settings → API keys.</source>
        <translation>„Weiter“ speichert den Schlüssel im Schlüsselbund Ihres Systems (nie in einer Datei); „Testen“ öffnet damit vorher eine echte Sitzung. Sie können das auch überspringen und später unter Einstellungen → API-Schlüssel einen Schlüssel hinzufügen.</translation>
    </message>
</context>
<context>
    <name>KeyRow</name>
    <message>
        <source>Checking the keyring…</source>
        <translation>Schlüsselbund wird geprüft…</translation>
    </message>
    <message>
        <source>Paste only the key itself, without the variable name and “=”.</source>
        <translation>Fügen Sie nur den Schlüssel selbst ein, ohne Variablennamen und „=“.</translation>
    </message>
    <message>
        <source>That is the masked key Dragoman shows, not a key: paste the key itself.</source>
        <translation>Das ist der maskierte Schlüssel, den Dragoman anzeigt, kein Schlüssel: Fügen Sie den Schlüssel selbst ein.</translation>
    </message>
    <message>
        <source>That is a web address, not an API key: copy the key itself.</source>
        <translation>Das ist eine Webadresse, kein API-Schlüssel: Kopieren Sie den Schlüssel selbst.</translation>
    </message>
    <message>
        <source>That does not look like an API key: it contains characters keys never have (curly quotes, accents or symbols).</source>
        <translation>Das sieht nicht wie ein API-Schlüssel aus: Es enthält Zeichen, die Schlüssel nie haben (typografische Anführungszeichen, Akzente oder Symbole).</translation>
    </message>
    <message>
        <source>That is too short for an API key (%1 characters): copy the whole key.</source>
        <translation>Das ist zu kurz für einen API-Schlüssel (%1 Zeichen): Kopieren Sie den ganzen Schlüssel.</translation>
    </message>
    <message>
        <source>That is too long for an API key (%1 characters): copy only the key.</source>
        <translation>Das ist zu lang für einen API-Schlüssel (%1 Zeichen): Kopieren Sie nur den Schlüssel.</translation>
    </message>
    <message>
        <source>%1 API keys start with “%2”: is this the right key?</source>
        <translation>API-Schlüssel von %1 beginnen mit „%2“: Ist das der richtige Schlüssel?</translation>
    </message>
    <message>
        <source>Paste the key and press Enter (or Save, Test, OK, Next): it goes to the OS keyring.</source>
        <translation>Schlüssel einfügen und Eingabetaste drücken (oder Speichern, Testen, OK, Weiter): Er kommt in den Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Store the pasted key in the OS keyring</source>
        <translation>Den eingefügten Schlüssel im Schlüsselbund des Systems ablegen</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Open a real session with the pasted key (or the stored one); a key that works is saved</source>
        <translation>Eine echte Sitzung mit dem eingefügten (oder dem gespeicherten) Schlüssel öffnen; ein funktionierender Schlüssel wird gespeichert</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Delete the stored key from the OS keyring</source>
        <translation>Den gespeicherten Schlüssel aus dem Schlüsselbund des Systems löschen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>%1 (stored; paste a new key to replace it)</source>
        <translation>%1 (gespeichert; zum Ersetzen einen neuen Schlüssel einfügen)</translation>
    </message>
    <message>
        <source>Paste your %1 API key</source>
        <translation>Ihren %1-API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Keys saved here are kept for this session only.</source>
        <translation>Hier gespeicherte Schlüssel gelten nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>A key is set for this session.</source>
        <translation>Für diese Sitzung ist ein Schlüssel gesetzt.</translation>
    </message>
    <message>
        <source>A key ending in %1 is stored in the OS keyring.</source>
        <translation>Ein Schlüssel, der auf %1 endet, liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>A key is stored in the OS keyring.</source>
        <translation>Ein Schlüssel liegt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>No key stored yet.</source>
        <translation>Noch kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>Der Schlüssel gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>Saved for this session only.</source>
        <translation>Für diese Sitzung gespeichert.</translation>
    </message>
    <message>
        <source>Saved in the OS keyring.</source>
        <translation>Im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Paste a key first, or save one.</source>
        <translation>Fügen Sie zuerst einen Schlüssel ein oder speichern Sie einen.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>speech output available</source>
        <translation>Sprachausgabe verfügbar</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 (%2): translated text only, no speech output</source>
        <translation>%1 (%2): nur übersetzter Text, keine Sprachausgabe</translation>
    </message>
    <message>
        <source>Languages marked with the speaker can be spoken back; the others are translated to text only.</source>
        <translation>Mit dem Lautsprecher markierte Sprachen können gesprochen werden; die anderen werden nur als Text übersetzt.</translation>
    </message>
</context>
<context>
    <name>Latency</name>
    <message>
        <source>send %1 ms</source>
        <translation>Senden %1 ms</translation>
    </message>
    <message>
        <source>final %1 ms</source>
        <translation>Final %1 ms</translation>
    </message>
    <message>
        <source>voice %1 ms</source>
        <translation>Stimme %1 ms</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>%v dBFS</source>
        <translation>%v dBFS</translation>
    </message>
    <message>
        <source>Microphone level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <source>too loud</source>
        <translation>zu laut</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>still</translation>
    </message>
    <message>
        <source>quiet</source>
        <translation>leise</translation>
    </message>
    <message>
        <source>speaking</source>
        <translation>spricht</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Hört zu</translation>
    </message>
    <message>
        <source>Translating…</source>
        <translation>Übersetze…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbinde neu…</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Audio sent to the service, counted per hold: this session and today (since your midnight). Your price per minute and a daily cap are set in Settings → Session.</source>
        <translation>An den Dienst gesendetes Audio, pro Tastendruck gezählt: diese Sitzung und heute (seit Ihrer Mitternacht). Ihren Preis pro Minute und ein Tageslimit legen Sie unter Einstellungen → Sitzung fest.</translation>
    </message>
    <message>
        <source>Over 80 % of today&apos;s cap.</source>
        <translation>Über 80 % des heutigen Limits.</translation>
    </message>
    <message>
        <source>Today&apos;s cap is reached: new holds wait until midnight.</source>
        <translation>Das heutige Limit ist erreicht: Neue Tastendrücke warten bis Mitternacht.</translation>
    </message>
    <message>
        <source>No speech detected — check the microphone (Settings → Audio).</source>
        <translation>Keine Sprache erkannt – prüfen Sie das Mikrofon (Einstellungen → Audio).</translation>
    </message>
    <message>
        <source>Rece&amp;nt ▾</source>
        <translation>&amp;Zuletzt ▾</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Nach</translation>
    </message>
    <message>
        <source>Speech and text</source>
        <translation>Sprache und Text</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Nur Text</translation>
    </message>
    <message>
        <source>Male voice</source>
        <translation>Männliche Stimme</translation>
    </message>
    <message>
        <source>Female voice</source>
        <translation>Weibliche Stimme</translation>
    </message>
    <message>
        <source>Cloned voice</source>
        <translation>Geklonte Stimme</translation>
    </message>
    <message>
        <source>A cloned voice is not available for real-time translation yet.</source>
        <translation>Eine geklonte Stimme ist für die Echtzeitübersetzung noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>Fast (stable spans)</source>
        <translation>Schnell (stabile Abschnitte)</translation>
    </message>
    <message>
        <source>Whole sentences</source>
        <translation>Ganze Sätze</translation>
    </message>
    <message>
        <source>T&amp;wo-way conversation</source>
        <translation>&amp;Gespräch in beide Richtungen</translation>
    </message>
    <message>
        <source>Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”</source>
        <translation>Namen und Fachbegriffe, z. B. „Dragoman, Qt, Zoë Ng“</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <source>Serv&amp;ice</source>
        <translation>D&amp;ienst</translation>
    </message>
    <message>
        <source>&amp;Output</source>
        <translation>&amp;Ausgabe</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>&amp;Stimme</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>&amp;Ergebnisse</translation>
    </message>
    <message>
        <source>Conte&amp;xt</source>
        <translation>&amp;Kontext</translation>
    </message>
    <message>
        <source>&amp;More ▾</source>
        <translation>&amp;Mehr ▾</translation>
    </message>
    <message>
        <source>Show the context field and two-way conversation</source>
        <translation>Kontextfeld und Gespräch in beide Richtungen anzeigen</translation>
    </message>
    <message>
        <source>The language you speak (“Detect automatically” lets the service tell)</source>
        <translation>Die Sprache, die Sie sprechen („Automatisch erkennen“ lässt den Dienst entscheiden)</translation>
    </message>
    <message>
        <source>The language to translate into. Languages marked with the speaker can be spoken back; the others come as text only.</source>
        <translation>Die Zielsprache. Mit dem Lautsprecher markierte Sprachen können gesprochen werden; die anderen kommen nur als Text.</translation>
    </message>
    <message>
        <source>Swap the two languages (translate the other way)</source>
        <translation>Die beiden Sprachen tauschen (in die andere Richtung übersetzen)</translation>
    </message>
    <message>
        <source>Language pairs you used recently</source>
        <translation>Zuletzt verwendete Sprachpaare</translation>
    </message>
    <message>
        <source>Which service listens: Pinch translates (speech or text); Smallest Pulse writes down what you say in your own language, without translating.</source>
        <translation>Welcher Dienst zuhört: Pinch übersetzt (Sprache oder Text); Smallest Pulse schreibt auf, was Sie sagen, in Ihrer eigenen Sprache, ohne zu übersetzen.</translation>
    </message>
    <message>
        <source>Speech and text: you hear the translation and read it. Text only: the translation is shown, not spoken.</source>
        <translation>Sprache und Text: Sie hören die Übersetzung und lesen sie. Nur Text: Die Übersetzung wird angezeigt, nicht gesprochen.</translation>
    </message>
    <message>
        <source>The voice that speaks the translation</source>
        <translation>Die Stimme, die die Übersetzung spricht</translation>
    </message>
    <message>
        <source>Fast: text appears in pieces as soon as each part is certain. Whole sentences: each sentence appears once it is complete (a little later, reads better).</source>
        <translation>Schnell: Der Text erscheint stückweise, sobald jeder Teil feststeht. Ganze Sätze: Jeder Satz erscheint, wenn er vollständig ist (etwas später, liest sich besser).</translation>
    </message>
    <message>
        <source>For a conversation between two people: Dragoman tells which of the two languages each utterance is in and translates it into the other.</source>
        <translation>Für ein Gespräch zwischen zwei Personen: Dragoman erkennt, in welcher der beiden Sprachen jede Äußerung ist, und übersetzt sie in die andere.</translation>
    </message>
    <message>
        <source>Names and special words to expect (people, products, jargon): they are recognised and spelled better. Sent with each session.</source>
        <translation>Namen und besondere Wörter, die vorkommen werden (Personen, Produkte, Fachbegriffe): Sie werden besser erkannt und geschrieben. Wird mit jeder Sitzung gesendet.</translation>
    </message>
    <message>
        <source>Session id (click to copy: support asks for it)</source>
        <translation>Sitzungs-ID (klicken zum Kopieren: der Support fragt danach)</translation>
    </message>
    <message>
        <source>Last utterance: key-down → first audio sent · release → last final · key-down → first translated speech</source>
        <translation>Letzte Äußerung: Taste gedrückt → erstes Audio gesendet · losgelassen → letztes Endergebnis · Taste gedrückt → erste übersetzte Sprache</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>&amp;Dragoman</source>
        <translation>&amp;Dragoman</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>D&amp;ubbing…</source>
        <translation>S&amp;ynchronisation…</translation>
    </message>
    <message>
        <source>Translate whole recordings and videos (Pinch dubbing)</source>
        <translation>Ganze Aufnahmen und Videos übersetzen (Pinch-Synchronisation)</translation>
    </message>
    <message>
        <source>&amp;Compact window</source>
        <translation>&amp;Kompaktfenster</translation>
    </message>
    <message>
        <source>A small window on top of the others: the pair, the last exchange, talk</source>
        <translation>Ein kleines Fenster über den anderen: das Sprachpaar, der letzte Austausch, Sprechen</translation>
    </message>
    <message>
        <source>Caption &amp;overlay</source>
        <translation>&amp;Untertitelleiste</translation>
    </message>
    <message>
        <source>Live captions in a strip over any application (clicks go through it)</source>
        <translation>Live-Untertitel in einer Leiste über jeder Anwendung (Klicks gehen hindurch)</translation>
    </message>
    <message>
        <source>&amp;Move captions…</source>
        <translation>Untertitel &amp;verschieben…</translation>
    </message>
    <message>
        <source>Drag the caption strip, or a side of it to resize; then Done</source>
        <translation>Die Untertitelleiste ziehen oder eine Seite ziehen, um die Größe zu ändern; dann „Fertig“</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Setup assistant…</source>
        <translation>&amp;Einrichtungsassistent…</translation>
    </message>
    <message>
        <source>Key, microphone, push-to-talk key and call microphone, step by step</source>
        <translation>Schlüssel, Mikrofon, Push-to-Talk-Taste und Anrufmikrofon, Schritt für Schritt</translation>
    </message>
    <message>
        <source>&amp;About Dragoman</source>
        <translation>Ü&amp;ber Dragoman</translation>
    </message>
    <message>
        <source>Versions, and where the log, settings and history are kept</source>
        <translation>Versionen und wo Protokoll, Einstellungen und Verlauf liegen</translation>
    </message>
    <message>
        <source>From language</source>
        <translation>Ausgangssprache</translation>
    </message>
    <message>
        <source>To language</source>
        <translation>Zielsprache</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Sprachen tauschen</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Zuletzt verwendete Sprachpaare</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Two-way conversation</source>
        <translation>Gespräch in beide Richtungen</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>Weitere Optionen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>Sitzungs-ID</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Audio sent</source>
        <translation>Gesendetes Audio</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Speech output legend</source>
        <translation>Legende der Sprachausgabe</translation>
    </message>
    <message>
        <source>What Dragoman is doing</source>
        <translation>Was Dragoman gerade tut</translation>
    </message>
    <message>
        <source>Press to copy the session id (support asks for it)</source>
        <translation>Drücken, um die Sitzungs-ID zu kopieren (der Support fragt danach)</translation>
    </message>
    <message>
        <source>Errors and notices, each with its next step</source>
        <translation>Fehler und Hinweise, jeweils mit dem nächsten Schritt</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>Ve&amp;rlauf</translation>
    </message>
    <message>
        <source>&amp;Show history…</source>
        <translation>Verlauf &amp;anzeigen…</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Neues Gespräch</translation>
    </message>
    <message>
        <source>This row&apos;s translated speech is no longer kept.</source>
        <translation>Die übersetzte Sprache dieser Zeile ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>%1 writes down what you say in your own language; it does not translate.</source>
        <translation>%1 schreibt auf, was Sie sagen, in Ihrer eigenen Sprache; es übersetzt nicht.</translation>
    </message>
    <message>
        <source>%1 cannot tell two languages apart in one talk.</source>
        <translation>%1 kann zwei Sprachen in einem Sprechvorgang nicht unterscheiden.</translation>
    </message>
    <message>
        <source>%1 gives text only: nothing is spoken.</source>
        <translation>%1 liefert nur Text: Nichts wird gesprochen.</translation>
    </message>
    <message>
        <source>“Text only” is chosen, so no voice speaks: choose “Speech and text” to pick one.</source>
        <translation>„Nur Text“ ist gewählt, daher spricht keine Stimme: Wählen Sie „Sprache und Text“, um eine auszuwählen.</translation>
    </message>
    <message>
        <source>No recent pairs yet.</source>
        <translation>Noch keine zuletzt verwendeten Paare.</translation>
    </message>
    <message>
        <source>Session id %1</source>
        <translation>Sitzungs-ID %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing more was sent</source>
        <translation>Abgebrochen: Es wurde nichts mehr gesendet</translation>
    </message>
    <message>
        <source>Details copied: paste them into your email</source>
        <translation>Details kopiert: Fügen Sie sie in Ihre E-Mail ein</translation>
    </message>
    <message>
        <source>Session id copied</source>
        <translation>Sitzungs-ID kopiert</translation>
    </message>
</context>
<context>
    <name>Meeting</name>
    <message>
        <source>Passing through</source>
        <translation>Durchgeleitet</translation>
    </message>
    <message>
        <source>Translating</source>
        <translation>Übersetzt</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears your own voice. Hold the talk key to translate.</source>
        <translation>Besprechungsmodus: Der Anruf hört Ihre eigene Stimme. Halten Sie die Sprechtaste, um zu übersetzen.</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears the translation, not your own voice.</source>
        <translation>Besprechungsmodus: Der Anruf hört die Übersetzung, nicht Ihre eigene Stimme.</translation>
    </message>
    <message>
        <source>Mute all: the call hears nothing from Dragoman (neither your voice nor translations) until you unmute.</source>
        <translation>Alles stumm: Der Anruf hört nichts von Dragoman (weder Ihre Stimme noch Übersetzungen), bis Sie die Stummschaltung aufheben.</translation>
    </message>
    <message>
        <source>Mute all is on: unmute to say it again into the call.</source>
        <translation>„Alles stumm“ ist an: Heben Sie die Stummschaltung auf, um es im Anruf noch einmal zu sagen.</translation>
    </message>
    <message>
        <source>Translated speech is muted: unmute it to say it again.</source>
        <translation>Die übersetzte Sprache ist stummgeschaltet: Heben Sie die Stummschaltung auf, um es noch einmal zu sagen.</translation>
    </message>
    <message>
        <source>No call output is set: choose the virtual microphone as the call output in Settings → Audio.</source>
        <translation>Es ist kein Anrufausgang eingestellt: Wählen Sie unter Einstellungen → Audio das virtuelle Mikrofon als Anrufausgang.</translation>
    </message>
    <message>
        <source>Nothing to say again yet: no translated speech is kept.</source>
        <translation>Noch nichts zum Wiederholen: Es ist keine übersetzte Sprache gespeichert.</translation>
    </message>
    <message>
        <source>Said again at %1</source>
        <translation>Noch einmal gesagt um %1</translation>
    </message>
</context>
<context>
    <name>ProfileLabel</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
</context>
<context>
    <name>ProfileMenu</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>No profiles yet: save one in Settings ▸ Profiles</source>
        <translation>Noch keine Profile: Speichern Sie eines unter Einstellungen ▸ Profile</translation>
    </message>
    <message>
        <source>%1 (from the next hold)</source>
        <translation>%1 (ab dem nächsten Tastendruck)</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>hold to talk</source>
        <translation>Halten zum Sprechen</translation>
    </message>
    <message>
        <source>tap to talk</source>
        <translation>Tippen zum Sprechen</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>hybrid</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>female voice</source>
        <translation>weibliche Stimme</translation>
    </message>
    <message>
        <source>male voice</source>
        <translation>männliche Stimme</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>nur Text</translation>
    </message>
    <message>
        <source>call: %1 at %2 %</source>
        <translation>Anruf: %1 mit %2 %</translation>
    </message>
    <message>
        <source>call off</source>
        <translation>Anruf aus</translation>
    </message>
    <message>
        <source>monitor: %1 at %2 %</source>
        <translation>Mithören: %1 mit %2 %</translation>
    </message>
    <message>
        <source>monitor off</source>
        <translation>Mithören aus</translation>
    </message>
    <message>
        <source>meeting mode on</source>
        <translation>Besprechungsmodus an</translation>
    </message>
    <message>
        <source>meeting mode off</source>
        <translation>Besprechungsmodus aus</translation>
    </message>
    <message>
        <source>Profile: %1 (from the next hold)</source>
        <translation>Profil: %1 (ab dem nächsten Tastendruck)</translation>
    </message>
    <message>
        <source>Profile: %1 (changed)</source>
        <translation>Profil: %1 (geändert)</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>A profile keeps the language pair, the voice, speech or text, the push-to-talk mode, the outputs with their volumes and meeting mode, for one kind of call. Choose one here, from the tray&apos;s Profile menu or with its hotkey; chosen during a hold, it applies once the hold is over.</source>
        <translation>Ein Profil speichert das Sprachpaar, die Stimme, Sprache oder Text, den Push-to-Talk-Modus, die Ausgänge mit ihrer Lautstärke und den Besprechungsmodus für eine Art von Anruf. Wählen Sie es hier, im Profil-Menü des Infobereichs oder mit seinem Tastenkürzel; während eines Tastendrucks gewählt, gilt es, sobald dieser vorbei ist.</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>Save current as</source>
        <translation>Aktuelles speichern als</translation>
    </message>
    <message>
        <source>Keep what the other pages show now as a profile of this name</source>
        <translation>Was die anderen Seiten jetzt zeigen, als Profil mit diesem Namen behalten</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <source>Load the profile&apos;s values into the other pages (OK keeps them)</source>
        <translation>Die Werte des Profils in die anderen Seiten laden (OK behält sie)</translation>
    </message>
    <message>
        <source>Click, then press the keys that move on to the next profile. Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die zum nächsten Profil wechseln. Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Next profile hotkey</source>
        <translation>Tastenkürzel für nächstes Profil</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used. Press a new one.</source>
        <translation>Das gespeicherte Tastenkürzel „%1“ ist nicht verwendbar. Drücken Sie ein neues.</translation>
    </message>
    <message>
        <source>The pages now show %1; OK keeps them.</source>
        <translation>Die Seiten zeigen jetzt %1; OK behält es.</translation>
    </message>
    <message>
        <source>%1 (in use)</source>
        <translation>%1 (in Verwendung)</translation>
    </message>
</context>
<context>
    <name>PttButton</name>
    <message>
        <source>● Listening… release to translate</source>
        <translation>● Hört zu… loslassen zum Übersetzen</translation>
    </message>
    <message>
        <source>Hold %1 (or this button) to talk</source>
        <translation>%1 (oder diese Schaltfläche) halten zum Sprechen</translation>
    </message>
    <message>
        <source>Hold this button to talk</source>
        <translation>Diese Schaltfläche halten zum Sprechen</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>hört zu</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>hört nicht zu</translation>
    </message>
    <message>
        <source>Push to talk, %1</source>
        <translation>Push-to-Talk, %1</translation>
    </message>
</context>
<context>
    <name>RouteTestWidget</name>
    <message>
        <source>Playing a test tone into the call output…</source>
        <translation>Testton wird in den Anrufausgang gespielt…</translation>
    </message>
    <message>
        <source>The route test is not available in this build.</source>
        <translation>Der Wegtest ist in diesem Build nicht verfügbar.</translation>
    </message>
    <message>
        <source>Test the route</source>
        <translation>Weg testen</translation>
    </message>
    <message>
        <source>Plays a short tone into the call output and checks that it comes out of “Dragoman Microphone”, the microphone the call app records.</source>
        <translation>Spielt einen kurzen Ton in den Anrufausgang und prüft, ob er aus „Dragoman Microphone“ kommt, dem Mikrofon, das die Anruf-App aufnimmt.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Always open</source>
        <translation>Immer offen</translation>
    </message>
    <message>
        <source>Open for a while after each hold</source>
        <translation>Nach jedem Tastendruck eine Weile offen</translation>
    </message>
    <message>
        <source>Open only while I hold the key</source>
        <translation>Nur offen, solange ich die Taste halte</translation>
    </message>
    <message>
        <source>Every hold starts at once and the %1 ms before the key are kept, so no first syllable is lost. The cost: the microphone stays open and its indicator stays on while Dragoman runs.</source>
        <translation>Jeder Tastendruck beginnt sofort, und die %1 ms vor der Taste bleiben erhalten, sodass keine erste Silbe verloren geht. Der Preis: Das Mikrofon bleibt offen und seine Anzeige leuchtet, solange Dragoman läuft.</translation>
    </message>
    <message>
        <source>For %2 after a hold, the next one starts at once with the %1 ms before the key kept. Then the microphone closes and its indicator goes off; the next hold opens it again and starts at the key press.</source>
        <translation>%2 nach einem Tastendruck beginnt der nächste sofort, mit den %1 ms vor der Taste. Dann schließt sich das Mikrofon und seine Anzeige erlischt; der nächste Tastendruck öffnet es wieder und beginnt beim Drücken der Taste.</translation>
    </message>
    <message>
        <source>The microphone is open only while you hold the key, so its indicator is off the rest of the time and nothing is heard between holds. The cost: nothing from before the key is kept, and opening the microphone can clip your first syllable.</source>
        <translation>Das Mikrofon ist nur offen, solange Sie die Taste halten, daher ist seine Anzeige sonst aus und zwischen den Tastendrücken wird nichts gehört. Der Preis: Nichts von vor der Taste bleibt erhalten, und das Öffnen des Mikrofons kann Ihre erste Silbe abschneiden.</translation>
    </message>
    <message>
        <source>Pause it when it plays on built-in speakers</source>
        <translation>Pausieren, wenn sie über eingebaute Lautsprecher läuft</translation>
    </message>
    <message>
        <source>Always pause it</source>
        <translation>Immer pausieren</translation>
    </message>
    <message>
        <source>Never pause it (I use headphones)</source>
        <translation>Nie pausieren (ich nutze Kopfhörer)</translation>
    </message>
    <message>
        <source>Pinch&apos;s price is not built in: enter yours to see the cost.</source>
        <translation>Der Preis von Pinch ist nicht eingebaut: Geben Sie Ihren ein, um die Kosten zu sehen.</translation>
    </message>
    <message>
        <source>What one minute of audio sent costs you, in your own currency. The status bar shows the cost of this session and of today; with no price, no money is shown anywhere.</source>
        <translation>Was Sie eine Minute gesendetes Audio kostet, in Ihrer eigenen Währung. Die Statusleiste zeigt die Kosten dieser Sitzung und des heutigen Tages; ohne Preis wird nirgends Geld angezeigt.</translation>
    </message>
    <message>
        <source>The most minutes of audio to send in a day. At 80 % a warning; at the cap new holds stop until midnight (a hold under way finishes).</source>
        <translation>Die meisten Minuten Audio, die an einem Tag gesendet werden. Bei 80 % eine Warnung; beim Limit stoppen neue Tastendrücke bis Mitternacht (ein laufender Tastendruck wird beendet).</translation>
    </message>
    <message>
        <source>On speakers the microphone hears the translation and would send it back to be translated again. Pausing stops the playback the moment you press the talk key; the microphone always records your whole hold either way. The part not played can be replayed from its row (right-click, Replay translation). Built-in speakers are recognised from what the sound system says about the output; choose &quot;Always pause it&quot; if yours are not, or &quot;Never&quot; with headphones.</source>
        <translation>Über Lautsprecher hört das Mikrofon die Übersetzung und würde sie zurückschicken, um sie erneut übersetzen zu lassen. Pausieren stoppt die Wiedergabe in dem Moment, in dem Sie die Sprechtaste drücken; das Mikrofon nimmt in jedem Fall Ihren ganzen Tastendruck auf. Der nicht gespielte Teil kann aus seiner Zeile erneut abgespielt werden (Rechtsklick, Übersetzung erneut abspielen). Eingebaute Lautsprecher werden an dem erkannt, was das Soundsystem über den Ausgang sagt; wählen Sie „Immer pausieren“, wenn Ihre nicht erkannt werden, oder „Nie“ mit Kopfhörern.</translation>
    </message>
    <message>
        <source>Dragoman settings</source>
        <translation>Dragoman-Einstellungen</translation>
    </message>
    <message>
        <source>Keys are stored only in your OS keyring, never in a settings file. A pasted key is saved by Save, Enter, a successful Test or OK.</source>
        <translation>Schlüssel werden nur im Schlüsselbund Ihres Systems abgelegt, nie in einer Einstellungsdatei. Ein eingefügter Schlüssel wird mit Speichern, Eingabetaste, einem erfolgreichen Test oder OK gespeichert.</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Virtuelles Mikrofon anlegen</translation>
    </message>
    <message>
        <source>Refresh devices</source>
        <translation>Geräte aktualisieren</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Call output (virtual microphone)</source>
        <translation>Anrufausgang (virtuelles Mikrofon)</translation>
    </message>
    <message>
        <source>Call volume</source>
        <translation>Anruflautstärke</translation>
    </message>
    <message>
        <source>Monitor output (your headphones)</source>
        <translation>Mithörausgang (Ihre Kopfhörer)</translation>
    </message>
    <message>
        <source>Monitor volume</source>
        <translation>Mithörlautstärke</translation>
    </message>
    <message>
        <source>Route into calls</source>
        <translation>Weg in Anrufe</translation>
    </message>
    <message>
        <source>Meeting mode: my voice goes to the call while no key is held</source>
        <translation>Besprechungsmodus: Meine Stimme geht in den Anruf, solange keine Taste gehalten wird</translation>
    </message>
    <message>
        <source>Your microphone plays into the call output (the virtual microphone) unchanged; holding the talk key mutes it and the translation plays there instead.</source>
        <translation>Ihr Mikrofon spielt unverändert in den Anrufausgang (das virtuelle Mikrofon); das Halten der Sprechtaste schaltet es stumm, und stattdessen läuft dort die Übersetzung.</translation>
    </message>
    <message>
        <source>After the translation has played</source>
        <translation>Nachdem die Übersetzung gespielt wurde</translation>
    </message>
    <message>
        <source>As soon as I release the key</source>
        <translation>Sobald ich die Taste loslasse</translation>
    </message>
    <message>
        <source>Back to my voice</source>
        <translation>Zurück zu meiner Stimme</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Click, then press the keys that translate the other way (target to source). Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die in die andere Richtung übersetzen (Ziel- nach Ausgangssprache). Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Click, then press the keys that play the last translation into the call again. Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die die letzte Übersetzung erneut in den Anruf spielen. Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Click, then press the keys that mute everything going into the call (your voice and translations) until pressed again. Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die alles stummschalten, was in den Anruf geht (Ihre Stimme und Übersetzungen), bis sie erneut gedrückt werden. Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the compact window, whatever window has the focus. Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die das Kompaktfenster zeigen oder verbergen, egal welches Fenster den Fokus hat. Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the caption overlay, whatever window has the focus. Backspace clears it.</source>
        <translation>Klicken Sie und drücken Sie dann die Tasten, die die Untertitelleiste zeigen oder verbergen, egal welches Fenster den Fokus hat. Rücktaste löscht es.</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Halten zum Sprechen</translation>
    </message>
    <message>
        <source>Tap to start, tap to stop</source>
        <translation>Tippen zum Starten, Tippen zum Stoppen</translation>
    </message>
    <message>
        <source>Hybrid: tap latches, hold talks</source>
        <translation>Hybrid: Tippen rastet ein, Halten spricht</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>X11 / Windows / macOS keyboard hook</source>
        <translation>Tastatur-Hook für X11 / Windows / macOS</translation>
    </message>
    <message>
        <source>Desktop portal (Wayland)</source>
        <translation>Desktop-Portal (Wayland)</translation>
    </message>
    <message>
        <source>Only while the window has focus</source>
        <translation>Nur solange das Fenster den Fokus hat</translation>
    </message>
    <message>
        <source>Talk hotkey</source>
        <translation>Sprech-Tastenkürzel</translation>
    </message>
    <message>
        <source>Reverse-direction hotkey</source>
        <translation>Tastenkürzel für die Gegenrichtung</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Hotkey method</source>
        <translation>Tastenkürzel-Methode</translation>
    </message>
    <message>
        <source>Longest utterance</source>
        <translation>Längste Äußerung</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Push-to-Talk</translation>
    </message>
    <message>
        <source>Say it again hotkey</source>
        <translation>Tastenkürzel „Noch einmal sagen“</translation>
    </message>
    <message>
        <source>Mute all hotkey</source>
        <translation>Tastenkürzel „Alles stumm“</translation>
    </message>
    <message>
        <source>Compact window hotkey</source>
        <translation>Tastenkürzel für das Kompaktfenster</translation>
    </message>
    <message>
        <source>Caption overlay hotkey</source>
        <translation>Tastenkürzel für die Untertitelleiste</translation>
    </message>
    <message>
        <source>When the microphone is open. An open microphone keeps the moment before the key press; a closed one keeps the microphone indicator off.</source>
        <translation>Wann das Mikrofon offen ist. Ein offenes Mikrofon behält den Moment vor dem Tastendruck; ein geschlossenes lässt die Mikrofonanzeige aus.</translation>
    </message>
    <message>
        <source>How long the microphone stays open after a hold ends.</source>
        <translation>Wie lange das Mikrofon nach dem Ende eines Tastendrucks offen bleibt.</translation>
    </message>
    <message>
        <source>Keep a session warm (no wait on key-down)</source>
        <translation>Eine Sitzung warm halten (kein Warten beim Drücken)</translation>
    </message>
    <message>
        <source>Don&apos;t send holds with no speech in them</source>
        <translation>Tastendrücke ohne Sprache nicht senden</translation>
    </message>
    <message>
        <source>Start Dragoman when I log in</source>
        <translation>Dragoman beim Anmelden starten</translation>
    </message>
    <message>
        <source>Same as the desktop</source>
        <translation>Wie der Desktop</translation>
    </message>
    <message>
        <source>The language of Dragoman&apos;s windows. It applies the next time Dragoman starts.</source>
        <translation>Die Sprache der Dragoman-Fenster. Sie gilt ab dem nächsten Start von Dragoman.</translation>
    </message>
    <message>
        <source>The caption overlay&apos;s translation; the original above it is three quarters of it</source>
        <translation>Die Übersetzung in der Untertitelleiste; das Original darüber ist drei Viertel so groß</translation>
    </message>
    <message>
        <source>How much the caption strip&apos;s dark background hides what is under it; the text itself stays opaque, with a dark outline</source>
        <translation>Wie stark der dunkle Hintergrund der Untertitelleiste verdeckt, was darunter liegt; der Text selbst bleibt deckend, mit dunkler Kontur</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nicht festgelegt</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> pro Minute</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Kein Limit</translation>
    </message>
    <message>
        <source>Close the microphone after</source>
        <translation>Mikrofon schließen nach</translation>
    </message>
    <message>
        <source>Audio kept from before the key press</source>
        <translation>Audio behalten vor dem Tastendruck</translation>
    </message>
    <message>
        <source>Audio kept after the key release</source>
        <translation>Audio behalten nach dem Loslassen</translation>
    </message>
    <message>
        <source>Close a warm session after</source>
        <translation>Warme Sitzung schließen nach</translation>
    </message>
    <message>
        <source>Talk key while a translation plays</source>
        <translation>Sprechtaste während eine Übersetzung läuft</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Language of the windows</source>
        <translation>&amp;Sprache der Fenster</translation>
    </message>
    <message>
        <source>Caption overlay text size</source>
        <translation>Textgröße der Untertitelleiste</translation>
    </message>
    <message>
        <source>Caption overlay background</source>
        <translation>Hintergrund der Untertitelleiste</translation>
    </message>
    <message>
        <source>&amp;Price of audio sent</source>
        <translation>&amp;Preis des gesendeten Audios</translation>
    </message>
    <message>
        <source>Daily &amp;cap on audio sent</source>
        <translation>&amp;Tageslimit für gesendetes Audio</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Pinch service URL</source>
        <translation>URL des Pinch-Dienstes</translation>
    </message>
    <message>
        <source>Smallest Pulse URL</source>
        <translation>URL von Smallest Pulse</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language applies when Dragoman is started again.</source>
        <translation>Die neue Sprache gilt, wenn Dragoman neu gestartet wird.</translation>
    </message>
    <message>
        <source>talk hotkey</source>
        <translation>Sprech-Tastenkürzel</translation>
    </message>
    <message>
        <source>reverse-direction hotkey</source>
        <translation>Tastenkürzel für die Gegenrichtung</translation>
    </message>
    <message>
        <source>say it again hotkey</source>
        <translation>Tastenkürzel „Noch einmal sagen“</translation>
    </message>
    <message>
        <source>mute all hotkey</source>
        <translation>Tastenkürzel „Alles stumm“</translation>
    </message>
    <message>
        <source>compact window hotkey</source>
        <translation>Tastenkürzel für das Kompaktfenster</translation>
    </message>
    <message>
        <source>caption overlay hotkey</source>
        <translation>Tastenkürzel für die Untertitelleiste</translation>
    </message>
    <message>
        <source>next profile hotkey</source>
        <translation>Tastenkürzel für nächstes Profil</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Virtuelles Mikrofon wird angelegt…</translation>
    </message>
    <message>
        <source>It is now the call output (press OK to keep it).</source>
        <translation>Es ist jetzt der Anrufausgang (OK drücken, um das zu behalten).</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used: %2 Press a new one.</source>
        <translation>Das gespeicherte Tastenkürzel „%1“ ist nicht verwendbar: %2 Drücken Sie ein neues.</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (nicht verbunden)</translation>
    </message>
</context>
<context>
    <name>TranscriptModel</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Übersetzung</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>Said (in %1 or %2)</source>
        <translation>Gesagt (auf %1 oder %2)</translation>
    </message>
    <message>
        <source>Translated into the other</source>
        <translation>In die andere übersetzt</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation>Transkript</translation>
    </message>
    <message>
        <source>What was said and its translation, one utterance a row. Arrow keys move between rows; Ctrl+C copies the selected rows; Ctrl+F finds.</source>
        <translation>Was gesagt wurde und seine Übersetzung, eine Äußerung pro Zeile. Pfeiltasten wechseln die Zeile; Strg+C kopiert die ausgewählten Zeilen; Strg+F sucht.</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Zum Neuesten ↓</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Zum Neuesten</translation>
    </message>
    <message>
        <source>Scroll to the newest row and follow it</source>
        <translation>Zur neuesten Zeile scrollen und ihr folgen</translation>
    </message>
    <message>
        <source>Find in the transcript</source>
        <translation>Im Transkript suchen</translation>
    </message>
    <message>
        <source>Enter: next match; Shift+Enter: previous; Escape: close</source>
        <translation>Eingabetaste: nächster Treffer; Umschalt+Eingabetaste: vorheriger; Escape: schließen</translation>
    </message>
    <message>
        <source>Copy &amp;everything</source>
        <translation>&amp;Alles kopieren</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>Zeile &amp;kopieren</translation>
    </message>
    <message>
        <source>Say it &amp;again</source>
        <translation>Noch einmal &amp;sagen</translation>
    </message>
    <message>
        <source>Play the selected row&apos;s translation (or the last one) into the call again</source>
        <translation>Die Übersetzung der ausgewählten Zeile (oder die letzte) erneut in den Anruf spielen</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier row(s) not shown: with history off, only the latest rows are kept.</source>
        <translation>
            <numerusform>%n frühere Zeile nicht angezeigt: Bei ausgeschaltetem Verlauf werden nur die neuesten Zeilen behalten.</numerusform>
            <numerusform>%n frühere Zeilen nicht angezeigt: Bei ausgeschaltetem Verlauf werden nur die neuesten Zeilen behalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Zeile kopieren</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Zeilen kopieren</translation>
    </message>
    <message>
        <source>Copy everything</source>
        <translation>Alles kopieren</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Übersetzung erneut abspielen</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Noch einmal sagen</translation>
    </message>
    <message>
        <source>Play this translation into the call again</source>
        <translation>Diese Übersetzung erneut in den Anruf spielen</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Dragoman — idle</source>
        <translation>Dragoman – inaktiv</translation>
    </message>
    <message>
        <source>Dragoman — connecting</source>
        <translation>Dragoman – verbinde</translation>
    </message>
    <message>
        <source>Dragoman — ready</source>
        <translation>Dragoman – bereit</translation>
    </message>
    <message>
        <source>Dragoman — listening</source>
        <translation>Dragoman – hört zu</translation>
    </message>
    <message>
        <source>Dragoman — translating</source>
        <translation>Dragoman – übersetzt</translation>
    </message>
    <message>
        <source>Dragoman — reconnecting</source>
        <translation>Dragoman – verbinde neu</translation>
    </message>
    <message>
        <source>Dragoman — needs attention (open the window)</source>
        <translation>Dragoman – braucht Aufmerksamkeit (Fenster öffnen)</translation>
    </message>
    <message>
        <source>Show / hide window</source>
        <translation>Fenster zeigen / verbergen</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Sprechen beginnen</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Zuletzt verwendete Sprachpaare</translation>
    </message>
    <message>
        <source>Mute translated speech</source>
        <translation>Übersetzte Sprache stummschalten</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Noch einmal sagen</translation>
    </message>
    <message>
        <source>The last translation into the call again</source>
        <translation>Die letzte Übersetzung erneut in den Anruf</translation>
    </message>
    <message>
        <source>Mute all (nothing into the call)</source>
        <translation>Alles stumm (nichts in den Anruf)</translation>
    </message>
    <message>
        <source>Dubbing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Compact window</source>
        <translation>Kompaktfenster</translation>
    </message>
    <message>
        <source>Caption overlay</source>
        <translation>Untertitelleiste</translation>
    </message>
    <message>
        <source>Move captions…</source>
        <translation>Untertitel verschieben…</translation>
    </message>
    <message>
        <source>The caption strip takes the mouse: drag it, drag a side to resize, then Done</source>
        <translation>Die Untertitelleiste übernimmt die Maus: ziehen, zum Ändern der Größe an einer Seite ziehen, dann „Fertig“</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>Einrichtungsassistent…</translation>
    </message>
    <message>
        <source>Quit Dragoman</source>
        <translation>Dragoman beenden</translation>
    </message>
    <message>
        <source>Dragoman is still running</source>
        <translation>Dragoman läuft weiter</translation>
    </message>
    <message>
        <source>Push-to-talk keeps working. Use the tray icon to open the window or quit.</source>
        <translation>Push-to-Talk funktioniert weiter. Über das Symbol im Infobereich öffnen Sie das Fenster oder beenden das Programm.</translation>
    </message>
    <message>
        <source>Dragoman needs attention</source>
        <translation>Dragoman braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman – %1</translation>
    </message>
    <message>
        <source>Call: %1</source>
        <translation>Anruf: %1</translation>
    </message>
    <message>
        <source>Stop talking</source>
        <translation>Sprechen beenden</translation>
    </message>
</context>
<context>
    <name>UnsavedKeyQuestion</name>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Save the API key?</source>
        <translation>Den API-Schlüssel speichern?</translation>
    </message>
    <message>
        <source>You pasted a %1 API key but did not save it. Save it in the OS keyring?</source>
        <translation>Sie haben einen %1-API-Schlüssel eingefügt, aber nicht gespeichert. Im Schlüsselbund des Systems speichern?</translation>
    </message>
</context>
<context>
    <name>banners</name>
    <message>
        <source>Set your API key</source>
        <translation>API-Schlüssel festlegen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Open device settings</source>
        <translation>Geräteeinstellungen öffnen</translation>
    </message>
    <message>
        <source>Use a key for this session only</source>
        <translation>Einen Schlüssel nur für diese Sitzung verwenden</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal), the time and session %2. “Copy details” copies them.</source>
        <translation>Dieser Pinch-API-Schlüssel ist nicht für Echtzeitübersetzung freigeschaltet. Bitten Sie den Pinch-Support, ihn freizuschalten: Schreiben Sie an %1 und nennen Sie den Namen Ihres Schlüssels (wie im Entwicklerportal), die Uhrzeit und die Sitzung %2. „Details kopieren“ kopiert sie.</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal) and the time. “Copy details” copies them.</source>
        <translation>Dieser Pinch-API-Schlüssel ist nicht für Echtzeitübersetzung freigeschaltet. Bitten Sie den Pinch-Support, ihn freizuschalten: Schreiben Sie an %1 und nennen Sie den Namen Ihres Schlüssels (wie im Entwicklerportal) und die Uhrzeit. „Details kopieren“ kopiert sie.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>Switch to text only</source>
        <translation>Zu „Nur Text“ wechseln</translation>
    </message>
    <message>
        <source>Use the male voice</source>
        <translation>Die männliche Stimme verwenden</translation>
    </message>
    <message>
        <source>Service busy, retrying in %1 s. (%2)</source>
        <translation>Dienst ausgelastet, neuer Versuch in %1 s. (%2)</translation>
    </message>
    <message>
        <source>Service busy, retrying. (%1)</source>
        <translation>Dienst ausgelastet, neuer Versuch. (%1)</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s… %2</source>
        <translation>Neue Verbindung in %1 s… %2</translation>
    </message>
    <message>
        <source>Reconnecting… %1</source>
        <translation>Verbinde neu… %1</translation>
    </message>
    <message>
        <source>No microphone was found: plug one in or choose another input.</source>
        <translation>Kein Mikrofon gefunden: Schließen Sie eines an oder wählen Sie einen anderen Eingang.</translation>
    </message>
    <message>
        <source>Paused the translation so the microphone hears only you. To hear the rest, right-click its row and choose Replay translation. With headphones it can play on (Settings).</source>
        <translation>Die Übersetzung wurde angehalten, damit das Mikrofon nur Sie hört. Um den Rest zu hören, klicken Sie mit der rechten Maustaste auf ihre Zeile und wählen „Übersetzung erneut abspielen“. Mit Kopfhörern kann sie weiterlaufen (Einstellungen).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used. At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 der heutigen %2 Minuten Audio verbraucht. Bei %2 Minuten stoppen neue Tastendrücke bis Mitternacht; das Tageslimit ändern Sie in den Einstellungen.</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used (cost today: %3 at your price). At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 der heutigen %2 Minuten Audio verbraucht (Kosten heute: %3 zu Ihrem Preis). Bei %2 Minuten stoppen neue Tastendrücke bis Mitternacht; das Tageslimit ändern Sie in den Einstellungen.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached: new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Das heutige Limit von %1 Minuten Audio ist erreicht: Neue Tastendrücke sind bis Mitternacht gestoppt. Erhöhen oder entfernen Sie das Tageslimit in den Einstellungen, um weiterzumachen.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached (cost today: %2 at your price): new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Das heutige Limit von %1 Minuten Audio ist erreicht (Kosten heute: %2 zu Ihrem Preis): Neue Tastendrücke sind bis Mitternacht gestoppt. Erhöhen oder entfernen Sie das Tageslimit in den Einstellungen, um weiterzumachen.</translation>
    </message>
</context>
<context>
    <name>chord</name>
    <message>
        <source>switches windows</source>
        <translation>wechselt die Fenster</translation>
    </message>
    <message>
        <source>closes the window</source>
        <translation>schließt das Fenster</translation>
    </message>
    <message>
        <source>opens the window menu</source>
        <translation>öffnet das Fenstermenü</translation>
    </message>
    <message>
        <source>opens the system&apos;s security screen</source>
        <translation>öffnet den Sicherheitsbildschirm des Systems</translation>
    </message>
    <message>
        <source>opens a terminal on Ubuntu</source>
        <translation>öffnet unter Ubuntu ein Terminal</translation>
    </message>
    <message>
        <source>locks the screen on some Linux desktops</source>
        <translation>sperrt auf manchen Linux-Desktops den Bildschirm</translation>
    </message>
    <message>
        <source>switches workspaces</source>
        <translation>wechselt die Arbeitsfläche</translation>
    </message>
    <message>
        <source>opens the Start menu on Windows</source>
        <translation>öffnet unter Windows das Startmenü</translation>
    </message>
    <message>
        <source>opens the Task Manager on Windows</source>
        <translation>öffnet unter Windows den Task-Manager</translation>
    </message>
    <message>
        <source>switches the input method on many systems</source>
        <translation>wechselt auf vielen Systemen die Eingabemethode</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows</source>
        <translation>wechselt unter Windows die Tastaturbelegung</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows and KDE</source>
        <translation>wechselt unter Windows und KDE die Tastaturbelegung</translation>
    </message>
    <message>
        <source>opens the Start menu / Activities overview</source>
        <translation>öffnet das Startmenü / die Aktivitäten-Übersicht</translation>
    </message>
    <message>
        <source>switches the input source (GNOME) or opens Spotlight (macOS)</source>
        <translation>wechselt die Eingabequelle (GNOME) oder öffnet Spotlight (macOS)</translation>
    </message>
    <message>
        <source>switches windows (macOS) or opens Task View (Windows)</source>
        <translation>wechselt die Fenster (macOS) oder öffnet die Aktive Ansicht (Windows)</translation>
    </message>
    <message>
        <source>locks the screen on Windows and GNOME</source>
        <translation>sperrt unter Windows und GNOME den Bildschirm</translation>
    </message>
    <message>
        <source>shows the desktop</source>
        <translation>zeigt den Desktop</translation>
    </message>
    <message>
        <source>opens the file manager on Windows</source>
        <translation>öffnet unter Windows den Dateimanager</translation>
    </message>
    <message>
        <source>quits the application on macOS</source>
        <translation>beendet unter macOS das Programm</translation>
    </message>
    <message>
        <source>closes the window on macOS</source>
        <translation>schließt unter macOS das Fenster</translation>
    </message>
    <message>
        <source>hides the application on macOS</source>
        <translation>blendet unter macOS das Programm aus</translation>
    </message>
    <message>
        <source>minimises the window on macOS</source>
        <translation>minimiert unter macOS das Fenster</translation>
    </message>
    <message>
        <source>takes a screenshot on macOS</source>
        <translation>macht unter macOS ein Bildschirmfoto</translation>
    </message>
    <message>
        <source>opens the screenshot tool on macOS</source>
        <translation>öffnet unter macOS das Bildschirmfoto-Werkzeug</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>kopiert</translation>
    </message>
    <message>
        <source>pastes</source>
        <translation>fügt ein</translation>
    </message>
    <message>
        <source>cuts</source>
        <translation>schneidet aus</translation>
    </message>
    <message>
        <source>undoes</source>
        <translation>macht rückgängig</translation>
    </message>
    <message>
        <source>selects everything</source>
        <translation>wählt alles aus</translation>
    </message>
    <message>
        <source>saves</source>
        <translation>speichert</translation>
    </message>
    <message>
        <source>closes the tab or window</source>
        <translation>schließt den Tab oder das Fenster</translation>
    </message>
    <message>
        <source>takes a screenshot</source>
        <translation>macht ein Bildschirmfoto</translation>
    </message>
    <message>
        <source>opens help in most applications</source>
        <translation>öffnet in den meisten Programmen die Hilfe</translation>
    </message>
    <message>
        <source>reloads the page in browsers</source>
        <translation>lädt in Browsern die Seite neu</translation>
    </message>
    <message>
        <source>toggles full screen</source>
        <translation>schaltet den Vollbildmodus um</translation>
    </message>
    <message>
        <source>closes dialogs and menus everywhere</source>
        <translation>schließt überall Dialoge und Menüs</translation>
    </message>
    <message>
        <source>%1 is a common shortcut: it %2.</source>
        <translation>%1 ist ein gängiges Tastenkürzel: Es %2.</translation>
    </message>
    <message>
        <source>%1 overlaps %2, which %3.</source>
        <translation>%1 überschneidet sich mit %2: Das %3.</translation>
    </message>
    <message>
        <source>%1 is pressed while typing: every time would start talking.</source>
        <translation>%1 wird beim Tippen gedrückt: Jedes Mal würde das Sprechen beginnen.</translation>
    </message>
    <message>
        <source>%1 is AltGr on many keyboard layouts (it types @, € and others): typing those would start talking.</source>
        <translation>%1 ist auf vielen Tastaturbelegungen AltGr (damit tippt man @, € und anderes): Beim Tippen dieser Zeichen würde das Sprechen beginnen.</translation>
    </message>
    <message>
        <source>%1 alone starts talking at every shortcut that uses it (%2+C and the like); a right-hand modifier such as Right%2 is pressed less often.</source>
        <translation>%1 allein startet das Sprechen bei jedem Tastenkürzel, das es verwendet (%2+C und ähnliche); eine rechte Umschalttaste wie Right%2 wird seltener gedrückt.</translation>
    </message>
    <message>
        <source>%1 is also the cancel key: pressing it would start and cancel.</source>
        <translation>%1 ist auch die Abbruchtaste: Drücken würde starten und gleich abbrechen.</translation>
    </message>
</context>
<context>
    <name>dubbing</name>
    <message>
        <source>stage %1/%2</source>
        <translation>Schritt %1/%2</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>wird hochgeladen</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>downloading the result</source>
        <translation>Ergebnis wird heruntergeladen</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not waiting (the job may go on at Pinch)</source>
        <translation>wartet nicht (der Auftrag läuft bei Pinch vielleicht weiter)</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>uploading %1 %</source>
        <translation>wird hochgeladen %1 %</translation>
    </message>
    <message>
        <source>creating the job</source>
        <translation>Auftrag wird angelegt</translation>
    </message>
    <message>
        <source>downloading the result %1 %</source>
        <translation>Ergebnis wird heruntergeladen %1 %</translation>
    </message>
    <message>
        <source>longer than expected</source>
        <translation>dauert länger als erwartet</translation>
    </message>
</context>
<context>
    <name>engines</name>
    <message>
        <source>Pinch real-time translation</source>
        <translation>Pinch-Echtzeitübersetzung</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Could not start audio on “%1” (%2). Check that it is connected and not in use, or pick another one.</source>
        <translation>Audio auf „%1“ konnte nicht gestartet werden (%2). Prüfen Sie, ob das Gerät angeschlossen und nicht belegt ist, oder wählen Sie ein anderes.</translation>
    </message>
    <message>
        <source>voiceType=&apos;clone&apos; is not supported yet: the real-time API speaks with a male or female voice, choose one of those.</source>
        <translation>Eine geklonte Stimme (voiceType=&apos;clone&apos;) wird noch nicht unterstützt: Die Echtzeit-API spricht mit einer männlichen oder weiblichen Stimme, wählen Sie eine davon.</translation>
    </message>
    <message>
        <source>Pinch did not accept the API key: set a valid key (create one on the Pinch developer portal).</source>
        <translation>Pinch hat den API-Schlüssel nicht akzeptiert: Legen Sie einen gültigen Schlüssel fest (erstellen Sie einen im Pinch-Entwicklerportal).</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation: ask Pinch support to enable it for your account, quoting your key&apos;s name.</source>
        <translation>Dieser Pinch-API-Schlüssel ist nicht für Echtzeitübersetzung freigeschaltet: Bitten Sie den Pinch-Support, ihn für Ihr Konto freizuschalten, und nennen Sie den Namen Ihres Schlüssels.</translation>
    </message>
    <message>
        <source>The Pinch service is rate limited (HTTP %1)%2.</source>
        <translation>Der Pinch-Dienst drosselt die Anfragen (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch service is busy (HTTP %1)%2.</source>
        <translation>Der Pinch-Dienst ist ausgelastet (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>Pinch refused the session (HTTP %1): %2.</source>
        <translation>Pinch hat die Sitzung abgelehnt (HTTP %1): %2.</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>The Pinch service failed (HTTP %1)%2.</source>
        <translation>Der Pinch-Dienst ist ausgefallen (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch endpoint answered HTTP %1%2: check the service URL.</source>
        <translation>Der Pinch-Endpunkt antwortete mit HTTP %1%2: Prüfen Sie die Dienst-URL.</translation>
    </message>
    <message>
        <source>Pinch cannot speak &apos;%1&apos; yet: switch to text only, or choose a target language with speech output.</source>
        <translation>Pinch kann „%1“ noch nicht sprechen: Wechseln Sie zu „Nur Text“ oder wählen Sie eine Zielsprache mit Sprachausgabe.</translation>
    </message>
    <message>
        <source>The Pinch service said: %1</source>
        <translation>Der Pinch-Dienst meldet: %1</translation>
    </message>
    <message>
        <source>The session ended normally.</source>
        <translation>Die Sitzung wurde normal beendet.</translation>
    </message>
    <message>
        <source>The session link expired; starting a new session.</source>
        <translation>Der Sitzungslink ist abgelaufen; eine neue Sitzung wird gestartet.</translation>
    </message>
    <message>
        <source>The server ended the session; starting a new one.</source>
        <translation>Der Server hat die Sitzung beendet; eine neue wird gestartet.</translation>
    </message>
    <message>
        <source>A message was too large to accept (code 1009); reconnecting.</source>
        <translation>Eine Nachricht war zu groß (Code 1009); neue Verbindung.</translation>
    </message>
    <message>
        <source>The connection dropped; reconnecting.</source>
        <translation>Die Verbindung ist abgebrochen; neue Verbindung.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1: %2); reconnecting.</source>
        <translation>Der Server hat die Verbindung geschlossen (Code %1: %2); neue Verbindung.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1); reconnecting.</source>
        <translation>Der Server hat die Verbindung geschlossen (Code %1); neue Verbindung.</translation>
    </message>
    <message>
        <source>No %1 API key yet: add it in Settings → API keys (or set %2).</source>
        <translation>Noch kein API-Schlüssel für %1: Fügen Sie ihn unter Einstellungen → API-Schlüssel hinzu (oder setzen Sie %2).</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>%1 closed the session without answering.</source>
        <translation>%1 hat die Sitzung ohne Antwort geschlossen.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s: check your connection.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet: Prüfen Sie Ihre Verbindung.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this system (no Secret Service / KWallet running): start your desktop&apos;s keyring, or use the key for this session only.</source>
        <translation>Auf diesem System ist kein sicherer Schlüsselbund verfügbar (kein Secret Service / KWallet aktiv): Starten Sie den Schlüsselbund Ihres Desktops oder verwenden Sie den Schlüssel nur für diese Sitzung.</translation>
    </message>
</context>
<context>
    <name>languages</name>
    <message>
        <source>Detect automatically</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <source>Afrikaans</source>
        <translation>Afrikaans</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>Amharisch</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Arabisch</translation>
    </message>
    <message>
        <source>Azerbaijani</source>
        <translation>Aserbaidschanisch</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>Belarussisch</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Bulgarisch</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>Bengalisch</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>Bosnisch</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Katalanisch</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Tschechisch</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Walisisch</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Dänisch</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>German (Austria)</source>
        <translation>Deutsch (Österreich)</translation>
    </message>
    <message>
        <source>German (Switzerland)</source>
        <translation>Deutsch (Schweiz)</translation>
    </message>
    <message>
        <source>German (Germany)</source>
        <translation>Deutsch (Deutschland)</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griechisch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>English (Australia)</source>
        <translation>Englisch (Australien)</translation>
    </message>
    <message>
        <source>English (United Kingdom)</source>
        <translation>Englisch (Vereinigtes Königreich)</translation>
    </message>
    <message>
        <source>English (India)</source>
        <translation>Englisch (Indien)</translation>
    </message>
    <message>
        <source>English (United States)</source>
        <translation>Englisch (Vereinigte Staaten)</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Spanisch</translation>
    </message>
    <message>
        <source>Spanish (Latin America)</source>
        <translation>Spanisch (Lateinamerika)</translation>
    </message>
    <message>
        <source>Spanish (Spain)</source>
        <translation>Spanisch (Spanien)</translation>
    </message>
    <message>
        <source>Spanish (Mexico)</source>
        <translation>Spanisch (Mexiko)</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Estnisch</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>Baskisch</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persisch</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finnisch</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Französisch</translation>
    </message>
    <message>
        <source>French (Canada)</source>
        <translation>Französisch (Kanada)</translation>
    </message>
    <message>
        <source>French (France)</source>
        <translation>Französisch (Frankreich)</translation>
    </message>
    <message>
        <source>Irish</source>
        <translation>Irisch</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>Galicisch</translation>
    </message>
    <message>
        <source>Gujarati</source>
        <translation>Gujarati</translation>
    </message>
    <message>
        <source>Hausa</source>
        <translation>Hausa</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebräisch</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Kroatisch</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Ungarisch</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>Armenisch</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesisch</translation>
    </message>
    <message>
        <source>Icelandic</source>
        <translation>Isländisch</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italienisch</translation>
    </message>
    <message>
        <source>Italian (Italy)</source>
        <translation>Italienisch (Italien)</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japanisch</translation>
    </message>
    <message>
        <source>Japanese (Japan)</source>
        <translation>Japanisch (Japan)</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>Javanisch</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>Georgisch</translation>
    </message>
    <message>
        <source>Kazakh</source>
        <translation>Kasachisch</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>Khmer</translation>
    </message>
    <message>
        <source>Kannada</source>
        <translation>Kannada</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Koreanisch</translation>
    </message>
    <message>
        <source>Korean (South Korea)</source>
        <translation>Koreanisch (Südkorea)</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>Laotisch</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Litauisch</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Lettisch</translation>
    </message>
    <message>
        <source>Macedonian</source>
        <translation>Mazedonisch</translation>
    </message>
    <message>
        <source>Malayalam</source>
        <translation>Malayalam</translation>
    </message>
    <message>
        <source>Mongolian</source>
        <translation>Mongolisch</translation>
    </message>
    <message>
        <source>Marathi</source>
        <translation>Marathi</translation>
    </message>
    <message>
        <source>Malay</source>
        <translation>Malaiisch</translation>
    </message>
    <message>
        <source>Maltese</source>
        <translation>Maltesisch</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>Birmanisch</translation>
    </message>
    <message>
        <source>Nepali</source>
        <translation>Nepalesisch</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Niederländisch</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Norwegisch</translation>
    </message>
    <message>
        <source>Punjabi</source>
        <translation>Panjabi</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polnisch</translation>
    </message>
    <message>
        <source>Pashto</source>
        <translation>Paschtu</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugiesisch</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>Portugiesisch (Brasilien)</translation>
    </message>
    <message>
        <source>Portuguese (Portugal)</source>
        <translation>Portugiesisch (Portugal)</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Rumänisch</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Russisch</translation>
    </message>
    <message>
        <source>Russian (Russia)</source>
        <translation>Russisch (Russland)</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>Singhalesisch</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Slowakisch</translation>
    </message>
    <message>
        <source>Slovenian</source>
        <translation>Slowenisch</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somali</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>Albanisch</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>Serbisch</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Schwedisch</translation>
    </message>
    <message>
        <source>Swahili</source>
        <translation>Suaheli</translation>
    </message>
    <message>
        <source>Tamil</source>
        <translation>Tamil</translation>
    </message>
    <message>
        <source>Telugu</source>
        <translation>Telugu</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>Thailändisch</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>Tagalog</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkisch</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ukrainisch</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <source>Uzbek</source>
        <translation>Usbekisch</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamesisch</translation>
    </message>
    <message>
        <source>Yoruba</source>
        <translation>Yoruba</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chinesisch</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>Chinesisch (vereinfacht)</translation>
    </message>
    <message>
        <source>Chinese (Hong Kong)</source>
        <translation>Chinesisch (Hongkong)</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>Chinesisch (traditionell)</translation>
    </message>
    <message>
        <source>Zulu</source>
        <translation>Zulu</translation>
    </message>
</context>
<context>
    <name>route</name>
    <message>
        <source>create it in Settings → Audio → Create virtual microphone (Dragoman keeps it while it runs)</source>
        <translation>legen Sie es unter Einstellungen → Audio → Virtuelles Mikrofon anlegen an (Dragoman hält es, solange es läuft)</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1” after %2 ms.</source>
        <translation>Weg OK: Der Ton hat „%1“ nach %2 ms erreicht.</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1”.</source>
        <translation>Weg OK: Der Ton hat „%1“ erreicht.</translation>
    </message>
    <message>
        <source>It arrived %1 dB quieter than it was played: check the volume of the virtual microphone and of Dragoman&apos;s call output.</source>
        <translation>Er kam %1 dB leiser an, als er gespielt wurde: Prüfen Sie die Lautstärke des virtuellen Mikrofons und des Anrufausgangs von Dragoman.</translation>
    </message>
    <message>
        <source>The virtual microphone is incomplete (%1 is missing)</source>
        <translation>Das virtuelle Mikrofon ist unvollständig (%1 fehlt)</translation>
    </message>
    <message>
        <source>There is no virtual microphone (“Dragoman Microphone”)</source>
        <translation>Es gibt kein virtuelles Mikrofon („Dragoman Microphone“)</translation>
    </message>
    <message>
        <source>%1: %2, then choose it as the call output, and pick “Dragoman Microphone” as the microphone in the call app.</source>
        <translation>%1: %2, wählen Sie es dann als Anrufausgang und in der Anruf-App „Dragoman Microphone“ als Mikrofon.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is off, so nothing reaches a call: choose “%1” as the call output in Settings → Audio, and pick “%1” as the microphone in the call app.</source>
        <translation>Der Anrufausgang von Dragoman ist aus, daher erreicht nichts einen Anruf: Wählen Sie „%1“ unter Einstellungen → Audio als Anrufausgang und „%1“ in der Anruf-App als Mikrofon.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is “%1”, not the virtual microphone, so a call app cannot hear the translation: choose “%2” as the call output in Settings → Audio, and pick “%2” as the microphone in the call app.</source>
        <translation>Der Anrufausgang von Dragoman ist „%1“, nicht das virtuelle Mikrofon, daher kann eine Anruf-App die Übersetzung nicht hören: Wählen Sie „%2“ unter Einstellungen → Audio als Anrufausgang und „%2“ in der Anruf-App als Mikrofon.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: %3.</source>
        <translation>Der in „%1“ gespielte Testton hat „%2“ nicht erreicht: %3.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: check that neither is muted or suspended in the system&apos;s sound settings (pavucontrol: Output Devices and Input Devices), then try again.</source>
        <translation>Der in „%1“ gespielte Testton hat „%2“ nicht erreicht: Prüfen Sie, ob keines von beiden in den Soundeinstellungen des Systems stummgeschaltet oder angehalten ist (pavucontrol: Ausgabegeräte und Eingabegeräte), und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The route could not be tested: %1</source>
        <translation>Der Weg konnte nicht getestet werden: %1</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Same as the desktop</source>
        <translation>Wie der Desktop</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
</context>
<context>
    <name>usage</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 sent</source>
        <translation>%1 gesendet</translation>
    </message>
    <message>
        <source>%1 sent · cost %2</source>
        <translation>%1 gesendet · Kosten %2</translation>
    </message>
    <message>
        <source>The usage file %1 cannot be read, so the minutes of audio sent per day are unknown. Restore it from a backup, or delete it to start a new count.</source>
        <translation>Die Nutzungsdatei %1 kann nicht gelesen werden, daher sind die pro Tag gesendeten Audiominuten unbekannt. Stellen Sie sie aus einer Sicherung wieder her oder löschen Sie sie, um neu zu zählen.</translation>
    </message>
    <message>
        <source>Today: %1 — last %2 days: %3</source>
        <translation>Heute: %1 — letzte %2 Tage: %3</translation>
    </message>
    <message>
        <source>%1 of %2 min</source>
        <translation>%1 von %2 min</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today</source>
        <translation>Gesendetes Audio: %1 diese Sitzung · %2 heute</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today · cost today %3</source>
        <translation>Gesendetes Audio: %1 diese Sitzung · %2 heute · Kosten heute %3</translation>
    </message>
</context>
</TS>
