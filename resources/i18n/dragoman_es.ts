<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Push-to-talk speech translation: hold a hotkey, speak, hear the translation.</source>
        <translation>Traducción de voz con pulsar para hablar: mantenga una tecla, hable y oiga la traducción.</translation>
    </message>
    <message>
        <source>About Dragoman</source>
        <translation>Acerca de Dragoman</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>Show the folder of %1 in the file manager</source>
        <translation>Mostrar la carpeta de %1 en el gestor de archivos</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
    <message>
        <source>Copy these lines, for a bug report</source>
        <translation>Copiar estas líneas, para un informe de error</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Archivo de registro</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>Archivo de ajustes</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
</context>
<context>
    <name>BannerWidget</name>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Next step for: %1</source>
        <translation>Siguiente paso para: %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss %1</source>
        <translation>Descartar %1</translation>
    </message>
</context>
<context>
    <name>CaptionOverlay</name>
    <message>
        <source>Dragoman captions</source>
        <translation>Subtítulos de Dragoman</translation>
    </message>
    <message>
        <source>Live captions</source>
        <translation>Subtítulos en directo</translation>
    </message>
    <message>
        <source>Done (Enter)</source>
        <translation>Listo (Intro)</translation>
    </message>
    <message>
        <source>Keep the captions here (Enter); Escape puts them back</source>
        <translation>Dejar los subtítulos aquí (Intro); Escape los devuelve a su sitio</translation>
    </message>
    <message>
        <source>Captions appear here. Drag to move, drag a side to change the width.</source>
        <translation>Los subtítulos aparecen aquí. Arrastre para mover; arrastre un lado para cambiar el ancho.</translation>
    </message>
</context>
<context>
    <name>CompactWindow</name>
    <message>
        <source>Dragoman compact window</source>
        <translation>Ventana compacta de Dragoman</translation>
    </message>
    <message>
        <source>The language pair; recent pairs on its menu</source>
        <translation>El par de idiomas; los pares recientes en su menú</translation>
    </message>
    <message>
        <source>Swap the two languages</source>
        <translation>Intercambiar los dos idiomas</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Intercambiar idiomas</translation>
    </message>
    <message>
        <source>Open the main window</source>
        <translation>Abrir la ventana principal</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Last original</source>
        <translation>Último original</translation>
    </message>
    <message>
        <source>Last translation</source>
        <translation>Última traducción</translation>
    </message>
    <message>
        <source>Languages: %1 to %2</source>
        <translation>Idiomas: de %1 a %2</translation>
    </message>
    <message>
        <source>No recent pairs yet</source>
        <translation>Aún no hay pares recientes</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>listo</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>escuchando</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>traduciendo</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconectando</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman — %1</translation>
    </message>
    <message>
        <source>Press to unmute.</source>
        <translation>Pulse para reactivar el sonido.</translation>
    </message>
    <message>
        <source>Press to mute everything going into the call.</source>
        <translation>Pulse para silenciar todo lo que entra en la llamada.</translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>%1 The talk keys work; the other hotkeys (%2) are off until that is fixed in Settings → Push-to-talk.</source>
        <translation>%1 Las teclas para hablar funcionan; los demás atajos (%2) están desactivados hasta que se corrija en Ajustes → Pulsar para hablar.</translation>
    </message>
    <message>
        <source>The hotkey works only while Dragoman&apos;s window has focus: %1. Bind `dragoman ptt press` / `dragoman ptt release` in your desktop&apos;s keyboard settings for a global key.</source>
        <translation>El atajo solo funciona mientras la ventana de Dragoman tiene el foco: %1. Asigne `dragoman ptt press` / `dragoman ptt release` en los ajustes de teclado de su escritorio para tener una tecla global.</translation>
    </message>
</context>
<context>
    <name>DubbingWindow</name>
    <message>
        <source>Dubbing — Dragoman</source>
        <translation>Doblaje — Dragoman</translation>
    </message>
    <message>
        <source>Translate a whole recording or video: Pinch returns the same media spoken in another language, with subtitles. Results are saved beside each file.</source>
        <translation>Traducir una grabación o un vídeo completos: Pinch devuelve el mismo contenido hablado en otro idioma, con subtítulos. Los resultados se guardan junto a cada archivo.</translation>
    </message>
    <message>
        <source>Drop recordings or videos here (mp4, mov, mkv, webm, wav, mp3, …)</source>
        <translation>Suelte aquí grabaciones o vídeos (mp4, mov, mkv, webm, wav, mp3, …)</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Añadir archivos…</translation>
    </message>
    <message>
        <source>…or paste a direct link to a media file (https://…/talk.mp4)</source>
        <translation>…o pegue un enlace directo a un archivo multimedia (https://…/charla.mp4)</translation>
    </message>
    <message>
        <source>Add link</source>
        <translation>Añadir enlace</translation>
    </message>
    <message>
        <source>Reduce accent</source>
        <translation>Reducir el acento</translation>
    </message>
    <message>
        <source>Ask for a more native-sounding voice in the new language.</source>
        <translation>Pedir una voz que suene más nativa en el nuevo idioma.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Open result</source>
        <translation>Abrir resultado</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>Mostrar en la carpeta</translation>
    </message>
    <message>
        <source>Copy job id</source>
        <translation>Copiar ID del trabajo</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Dejar de esperar</translation>
    </message>
    <message>
        <source>Stop following this job here (at Pinch it may go on; Resume picks it up again).</source>
        <translation>Dejar de seguir este trabajo aquí (en Pinch puede continuar; «Reanudar» lo retoma).</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message numerus="yes">
        <source>Added %n job(s): uploading, then Pinch takes a few minutes per hour of media.</source>
        <translation>
            <numerusform>%n trabajo añadido: se sube y luego Pinch tarda unos minutos por cada hora de contenido.</numerusform>
            <numerusform>%n trabajos añadidos: se suben y luego Pinch tarda unos minutos por cada hora de contenido.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dub recordings or videos</source>
        <translation>Doblar grabaciones o vídeos</translation>
    </message>
    <message>
        <source>Copied the job id %1 (support asks for it).</source>
        <translation>ID del trabajo %1 copiado (el soporte lo pide).</translation>
    </message>
    <message>
        <source>Dubbing done</source>
        <translation>Doblaje terminado</translation>
    </message>
    <message>
        <source>%1 in %2: saved as %3.</source>
        <translation>%1 en %2: guardado como %3.</translation>
    </message>
    <message>
        <source>Dubbing failed</source>
        <translation>Doblaje fallido</translation>
    </message>
    <message>
        <source>Dubbing needs attention</source>
        <translation>El doblaje requiere atención</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Wear headphones for this check and for talking: on speakers the microphone hears the playback, so you get an echo here and Dragoman may hear its own translation later.</source>
        <translation>Use auriculares para esta prueba y para hablar: con altavoces el micrófono oye la reproducción, así que aquí oirá eco y Dragoman podría oír más tarde su propia traducción.</translation>
    </message>
    <message>
        <source>Dragoman watches the keyboard itself, so the key works whatever window is in front.</source>
        <translation>Dragoman vigila el teclado por sí mismo, así que la tecla funciona sea cual sea la ventana en primer plano.</translation>
    </message>
    <message>
        <source>Your desktop passes the key to Dragoman (its global-shortcuts service); the desktop may ask you once to allow it.</source>
        <translation>Su escritorio pasa la tecla a Dragoman (mediante su servicio de atajos globales); puede que el escritorio le pida permiso una vez.</translation>
    </message>
    <message>
        <source>The key works only while Dragoman&apos;s window is in front. To talk from any window, bind the commands `dragoman ptt press` and `dragoman ptt release` to a key in your desktop&apos;s keyboard settings.</source>
        <translation>La tecla solo funciona mientras la ventana de Dragoman está en primer plano. Para hablar desde cualquier ventana, asigne los comandos `dragoman ptt press` y `dragoman ptt release` a una tecla en los ajustes de teclado de su escritorio.</translation>
    </message>
    <message>
        <source>The key is not connected to your desktop yet; if “Got it” never appears, the key works only while Dragoman&apos;s window is in front (see the README: Hotkeys on each desktop).</source>
        <translation>La tecla aún no está conectada a su escritorio; si «Recibido» no aparece nunca, la tecla solo funciona mientras la ventana de Dragoman está en primer plano (vea el README: Hotkeys on each desktop).</translation>
    </message>
    <message>
        <source>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt;: Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt;: ⋮ More options → Settings → Audio → Microphone → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt;: User Settings → Voice &amp;amp; Video → Input Device → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Keep your headphones as Dragoman&apos;s monitor output (Settings → Audio) to hear the translation yourself.</source>
        <translation>&lt;ul&gt;&lt;li&gt;&lt;b&gt;Zoom&lt;/b&gt;: Configuración → Audio → Micrófono → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Google Meet&lt;/b&gt;: ⋮ Más opciones → Configuración → Audio → Micrófono → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Discord&lt;/b&gt;: Ajustes de usuario → Voz y vídeo → Dispositivo de entrada → &lt;i&gt;Dragoman Microphone&lt;/i&gt;.&lt;/li&gt;&lt;/ul&gt;Mantenga sus auriculares como salida de escucha de Dragoman (Ajustes → Audio) para oír usted mismo la traducción.</translation>
    </message>
    <message>
        <source>Set up Dragoman</source>
        <translation>Configurar Dragoman</translation>
    </message>
    <message>
        <source>Welcome to Dragoman</source>
        <translation>Bienvenido a Dragoman</translation>
    </message>
    <message>
        <source>A push-to-talk interpreter for your desktop.</source>
        <translation>Un intérprete de pulsar para hablar para su escritorio.</translation>
    </message>
    <message>
        <source>Hold a key anywhere on your desktop and speak: Dragoman translates what you say, plays the translation in your headphones or into a call, and shows both texts side by side.</source>
        <translation>Mantenga pulsada una tecla en cualquier parte del escritorio y hable: Dragoman traduce lo que dice, reproduce la traducción en sus auriculares o en una llamada y muestra ambos textos uno al lado del otro.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your speech goes to Pinch&apos;s cloud service.&lt;/b&gt; While you hold the key, your microphone is streamed to Pinch&apos;s real-time translation service, which sends back the text and the translated speech. Nothing is sent between holds, and your API key stays in your OS keyring. Read the &lt;a href=&quot;%1&quot;&gt;privacy notes&lt;/a&gt; (also in the README), or visit the &lt;a href=&quot;%2&quot;&gt;Pinch developer portal&lt;/a&gt;.</source>
        <translation>&lt;b&gt;Su voz va al servicio en la nube de Pinch.&lt;/b&gt; Mientras mantiene pulsada la tecla, su micrófono se transmite al servicio de traducción en tiempo real de Pinch, que devuelve el texto y la voz traducida. Entre pulsaciones no se envía nada, y su clave de API se queda en el llavero del sistema. Lea las &lt;a href=&quot;%1&quot;&gt;notas de privacidad&lt;/a&gt; (también en el README) o visite el &lt;a href=&quot;%2&quot;&gt;portal de desarrolladores de Pinch&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>The next pages take a minute: your key, your microphone, your push-to-talk key and, if you want, a microphone for calls.</source>
        <translation>Las próximas páginas llevan un minuto: su clave, su micrófono, su tecla para hablar y, si quiere, un micrófono para llamadas.</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Choose your microphone and speak: the bar should move.</source>
        <translation>Elija su micrófono y hable: la barra debería moverse.</translation>
    </message>
    <message>
        <source>The microphone Dragoman listens to while you hold the key</source>
        <translation>El micrófono que Dragoman escucha mientras mantiene pulsada la tecla</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Hold to hear yourself</source>
        <translation>Mantener para oírse</translation>
    </message>
    <message>
        <source>While you hold it, your voice plays back through the same path your translations take. Nothing is sent to the service.</source>
        <translation>Mientras lo mantiene pulsado, su voz se reproduce por el mismo camino que siguen sus traducciones. No se envía nada al servicio.</translation>
    </message>
    <message>
        <source>Your push-to-talk key</source>
        <translation>Su tecla para hablar</translation>
    </message>
    <message>
        <source>Hold it to talk, release it to hear the translation.</source>
        <translation>Manténgala pulsada para hablar y suéltela para oír la traducción.</translation>
    </message>
    <message>
        <source>Waiting for the key…</source>
        <translation>Esperando la tecla…</translation>
    </message>
    <message>
        <source>Another key? Click the field and press the key or combination you want (Right Ctrl alone, Ctrl+Shift+Space, a mouse side button…).</source>
        <translation>¿Otra tecla? Haga clic en el campo y pulse la tecla o combinación que quiera (Ctrl derecho sola, Ctrl+Mayús+Espacio, un botón lateral del ratón…).</translation>
    </message>
    <message>
        <source>Translated voice in calls (optional)</source>
        <translation>Voz traducida en llamadas (opcional)</translation>
    </message>
    <message>
        <source>Let the other side of a Zoom, Meet or Discord call hear the translation.</source>
        <translation>Deje que el otro lado de una llamada de Zoom, Meet o Discord oiga la traducción.</translation>
    </message>
    <message>
        <source>Dragoman can create a virtual microphone, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, and play the translation into it. In your call app, choose it as the microphone:</source>
        <translation>Dragoman puede crear un micrófono virtual, &lt;i&gt;Dragoman Microphone&lt;/i&gt;, y reproducir en él la traducción. En su aplicación de llamadas, elíjalo como micrófono:</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Crear micrófono virtual</translation>
    </message>
    <message>
        <source>Not available here: on Windows install VB-CABLE, on macOS BlackHole, then choose it as the call output in Settings → Audio.</source>
        <translation>No disponible aquí: en Windows instale VB-CABLE, en macOS BlackHole, y luego elíjalo como salida de llamada en Ajustes → Audio.</translation>
    </message>
    <message>
        <source>Skip this page if you only need the translation yourself.</source>
        <translation>Omita esta página si solo necesita la traducción para usted.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Dragoman is set up.</source>
        <translation>Dragoman está configurado.</translation>
    </message>
    <message>
        <source>Dragoman lives in the tray: closing the window keeps push-to-talk working. Run this assistant again from Help → Setup assistant or the tray menu.</source>
        <translation>Dragoman vive en la bandeja del sistema: cerrar la ventana mantiene activo el pulsar para hablar. Vuelva a ejecutar este asistente desde Ayuda → Asistente de configuración o el menú de la bandeja.</translation>
    </message>
    <message>
        <source>Set up Dragoman (%1 of %2): %3</source>
        <translation>Configurar Dragoman (%1 de %2): %3</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (no conectado)</translation>
    </message>
    <message>
        <source>Talk: hold &lt;b&gt;%1&lt;/b&gt; (or the big button in the window).</source>
        <translation>Hablar: mantenga &lt;b&gt;%1&lt;/b&gt; (o el botón grande de la ventana).</translation>
    </message>
    <message>
        <source>API key: %1</source>
        <translation>Clave de API: %1</translation>
    </message>
    <message>
        <source>Call output: %1.</source>
        <translation>Salida de llamada: %1.</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <source>Listening… release to stop</source>
        <translation>Escuchando… suelte para parar</translation>
    </message>
    <message>
        <source>Speak now: you should hear yourself.</source>
        <translation>Hable ahora: debería oírse.</translation>
    </message>
    <message>
        <source>Nothing was played back: check the monitor output in Settings → Audio (your headphones), then try again.</source>
        <translation>No se reprodujo nada: compruebe la salida de escucha en Ajustes → Audio (sus auriculares) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The microphone gave only silence: choose another microphone above, or check that it is not muted.</source>
        <translation>El micrófono solo dio silencio: elija otro micrófono arriba o compruebe que no esté silenciado.</translation>
    </message>
    <message>
        <source>You heard yourself %1 ms after pressing. That is the delay your own voice has through Dragoman.</source>
        <translation>Se oyó %1 ms después de pulsar. Ese es el retardo que tiene su propia voz a través de Dragoman.</translation>
    </message>
    <message>
        <source>Got it: your reverse-direction key works.</source>
        <translation>Recibido: su tecla de sentido inverso funciona.</translation>
    </message>
    <message>
        <source>Got it: your key works.</source>
        <translation>Recibido: su tecla funciona.</translation>
    </message>
    <message>
        <source>Saved. Now press %1 to try it.</source>
        <translation>Guardado. Ahora pulse %1 para probarlo.</translation>
    </message>
    <message>
        <source>Your push-to-talk key is &lt;b&gt;%1&lt;/b&gt;. Press it now, with any window in front: this page says “Got it”. Nothing is translated while this assistant is open.</source>
        <translation>Su tecla para hablar es &lt;b&gt;%1&lt;/b&gt;. Púlsela ahora, con cualquier ventana en primer plano: esta página dirá «Recibido». No se traduce nada mientras este asistente está abierto.</translation>
    </message>
    <message>
        <source>The saved key &apos;%1&apos; cannot be used: %2</source>
        <translation>La tecla guardada «%1» no se puede usar: %2</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Creando el micrófono virtual…</translation>
    </message>
    <message>
        <source>“Dragoman Microphone” is ready and is now Dragoman&apos;s call output: choose it as the microphone in your call app.</source>
        <translation>«Dragoman Microphone» está listo y ahora es la salida de llamada de Dragoman: elíjalo como micrófono en su aplicación de llamadas.</translation>
    </message>
    <message>
        <source>Virtual microphone created</source>
        <translation>Micrófono virtual creado</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Text (*.txt)</source>
        <translation>Texto (*.txt)</translation>
    </message>
    <message>
        <source>SubRip subtitles (*.srt)</source>
        <translation>Subtítulos SubRip (*.srt)</translation>
    </message>
    <message>
        <source>WebVTT subtitles (*.vtt)</source>
        <translation>Subtítulos WebVTT (*.vtt)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Audio sent to the translation service, counted by Dragoman at the end of each hold (the same count as the status bar). A cost is shown only once you set your price per minute in Settings → Session.</source>
        <translation>Audio enviado al servicio de traducción, contado por Dragoman al final de cada pulsación (la misma cuenta que la barra de estado). Solo se muestra un coste cuando define su precio por minuto en Ajustes → Sesión.</translation>
    </message>
    <message>
        <source>Search both columns…</source>
        <translation>Buscar en ambas columnas…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traducción</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Eliminar conversación</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day, priced at your price per minute.</source>
        <translation>Audio enviado al servicio este día, con su precio por minuto.</translation>
    </message>
    <message>
        <source>Audio sent to the service on this day. Set your price per minute in Settings → Session to see what it cost.</source>
        <translation>Audio enviado al servicio este día. Defina su precio por minuto en Ajustes → Sesión para ver lo que costó.</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>Exportar conversación</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>conversacion</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copiar fila</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Copiar filas</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Reproducir la traducción</translation>
    </message>
    <message>
        <source>Delete row</source>
        <translation>Eliminar fila</translation>
    </message>
    <message>
        <source>Delete rows</source>
        <translation>Eliminar filas</translation>
    </message>
</context>
<context>
    <name>HistorySettingsPage</name>
    <message>
        <source>Keep everything</source>
        <translation>Guardar todo</translation>
    </message>
    <message>
        <source>Keep for a number of days</source>
        <translation>Guardar durante un número de días</translation>
    </message>
    <message>
        <source>Off: keep nothing new</source>
        <translation>Desactivado: no guardar nada nuevo</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>Not kept</source>
        <translation>No se guarda</translation>
    </message>
    <message>
        <source>Replays also go to the call output</source>
        <translation>Las reproducciones también van a la salida de llamada</translation>
    </message>
    <message>
        <source>Clear history…</source>
        <translation>Borrar historial…</translation>
    </message>
    <message>
        <source>Transcripts</source>
        <translation>Transcripciones</translation>
    </message>
    <message>
        <source>Keep transcripts for</source>
        <translation>Guardar transcripciones durante</translation>
    </message>
    <message>
        <source>Keep translated speech for</source>
        <translation>Guardar la voz traducida durante</translation>
    </message>
    <message>
        <source>The history stays on this computer, readable only by you. With history off nothing is written; what was kept stays until you clear it.</source>
        <translation>El historial se queda en este ordenador y solo usted puede leerlo. Con el historial desactivado no se escribe nada; lo guardado se mantiene hasta que lo borre.</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>Borrar historial</translation>
    </message>
    <message>
        <source>Delete every saved conversation, its text and its translated speech? This cannot be undone.</source>
        <translation>¿Eliminar todas las conversaciones guardadas, con su texto y su voz traducida? Esto no se puede deshacer.</translation>
    </message>
</context>
<context>
    <name>HotkeyRecorder</name>
    <message>
        <source>Mouse buttons work with the X11 / Windows / macOS keyboard hook and the in-window key, not with the Wayland desktop portal.</source>
        <translation>Los botones del ratón funcionan con el gancho de teclado de X11 / Windows / macOS y con la tecla en la ventana, no con el portal de escritorio de Wayland.</translation>
    </message>
    <message>
        <source>Press the hotkey… (Esc cancels)</source>
        <translation>Pulse el atajo… (Esc cancela)</translation>
    </message>
    <message>
        <source>That key cannot be part of a hotkey: use F1 to F24, a letter, a digit, a named key such as Space or Pause, a modifier, or a mouse side button.</source>
        <translation>Esa tecla no puede formar parte de un atajo: use F1 a F24, una letra, un dígito, una tecla con nombre como Espacio o Pausa, un modificador o un botón lateral del ratón.</translation>
    </message>
    <message>
        <source>Click, then press the keys you want to hold to talk.</source>
        <translation>Haga clic y luego pulse las teclas que quiere mantener para hablar.</translation>
    </message>
    <message>
        <source>The talk hotkey cannot be empty.</source>
        <translation>El atajo para hablar no puede estar vacío.</translation>
    </message>
    <message>
        <source>%1 is also the %2: the two must differ.</source>
        <translation>%1 también es el %2: los dos deben ser distintos.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Coste</translation>
    </message>
    <message>
        <source>Job id</source>
        <translation>ID del trabajo</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Detectar</translation>
    </message>
    <message>
        <source>Support asks for the job id: select the row and press Copy job id.</source>
        <translation>El soporte pide el ID del trabajo: seleccione la fila y pulse Copiar ID del trabajo.</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Your Pinch API key</source>
        <translation>Su clave de API de Pinch</translation>
    </message>
    <message>
        <source>Dragoman needs a key to use Pinch&apos;s translation service.</source>
        <translation>Dragoman necesita una clave para usar el servicio de traducción de Pinch.</translation>
    </message>
    <message>
        <source>No key yet? &lt;a href=&quot;%1&quot;&gt;Get a key&lt;/a&gt; on the Pinch developer portal (sign in, create a key, copy it), then paste it here.</source>
        <translation>¿Aún no tiene clave? &lt;a href=&quot;%1&quot;&gt;Obtenga una clave&lt;/a&gt; en el portal de desarrolladores de Pinch (inicie sesión, cree una clave, cópiela) y péguela aquí.</translation>
    </message>
    <message>
        <source>Next saves the key in your OS keyring (never in a file); Test opens a real session with it first. You can also skip this and add a key later in Settings → API keys.</source>
        <translation>«Siguiente» guarda la clave en el llavero del sistema (nunca en un archivo); «Probar» abre antes una sesión real con ella. También puede saltarse esto y añadir una clave más tarde en Ajustes → Claves de API.</translation>
    </message>
</context>
<context>
    <name>KeyRow</name>
    <message>
        <source>Checking the keyring…</source>
        <translation>Comprobando el llavero…</translation>
    </message>
    <message>
        <source>Paste only the key itself, without the variable name and “=”.</source>
        <translation>Pegue solo la clave, sin el nombre de la variable ni el «=».</translation>
    </message>
    <message>
        <source>That is the masked key Dragoman shows, not a key: paste the key itself.</source>
        <translation>Esa es la clave enmascarada que muestra Dragoman, no una clave: pegue la clave en sí.</translation>
    </message>
    <message>
        <source>That is a web address, not an API key: copy the key itself.</source>
        <translation>Eso es una dirección web, no una clave de API: copie la clave en sí.</translation>
    </message>
    <message>
        <source>That does not look like an API key: it contains characters keys never have (curly quotes, accents or symbols).</source>
        <translation>Eso no parece una clave de API: contiene caracteres que las claves nunca tienen (comillas tipográficas, acentos o símbolos).</translation>
    </message>
    <message>
        <source>That is too short for an API key (%1 characters): copy the whole key.</source>
        <translation>Es demasiado corta para una clave de API (%1 caracteres): copie la clave completa.</translation>
    </message>
    <message>
        <source>That is too long for an API key (%1 characters): copy only the key.</source>
        <translation>Es demasiado larga para una clave de API (%1 caracteres): copie solo la clave.</translation>
    </message>
    <message>
        <source>%1 API keys start with “%2”: is this the right key?</source>
        <translation>Las claves de API de %1 empiezan por «%2»: ¿es la clave correcta?</translation>
    </message>
    <message>
        <source>Paste the key and press Enter (or Save, Test, OK, Next): it goes to the OS keyring.</source>
        <translation>Pegue la clave y pulse Intro (o Guardar, Probar, Aceptar, Siguiente): va al llavero del sistema.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Store the pasted key in the OS keyring</source>
        <translation>Guardar la clave pegada en el llavero del sistema</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Open a real session with the pasted key (or the stored one); a key that works is saved</source>
        <translation>Abrir una sesión real con la clave pegada (o la guardada); una clave que funciona se guarda</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Delete the stored key from the OS keyring</source>
        <translation>Eliminar la clave guardada del llavero del sistema</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>%1 (stored; paste a new key to replace it)</source>
        <translation>%1 (guardada; pegue una clave nueva para reemplazarla)</translation>
    </message>
    <message>
        <source>Paste your %1 API key</source>
        <translation>Pegue su clave de API de %1</translation>
    </message>
    <message>
        <source>Keys saved here are kept for this session only.</source>
        <translation>Las claves guardadas aquí solo se conservan durante esta sesión.</translation>
    </message>
    <message>
        <source>A key is set for this session.</source>
        <translation>Hay una clave definida para esta sesión.</translation>
    </message>
    <message>
        <source>A key ending in %1 is stored in the OS keyring.</source>
        <translation>Hay una clave terminada en %1 guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>A key is stored in the OS keyring.</source>
        <translation>Hay una clave guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>No key stored yet.</source>
        <translation>Aún no hay ninguna clave guardada.</translation>
    </message>
    <message>
        <source>The key is kept for this session only.</source>
        <translation>La clave solo se conserva durante esta sesión.</translation>
    </message>
    <message>
        <source>Saved for this session only.</source>
        <translation>Guardada solo para esta sesión.</translation>
    </message>
    <message>
        <source>Saved in the OS keyring.</source>
        <translation>Guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Paste a key first, or save one.</source>
        <translation>Pegue primero una clave o guarde una.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Quitando…</translation>
    </message>
</context>
<context>
    <name>LanguagePicker</name>
    <message>
        <source>speech output available</source>
        <translation>salida de voz disponible</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1 (%2): translated text only, no speech output</source>
        <translation>%1 (%2): solo texto traducido, sin salida de voz</translation>
    </message>
    <message>
        <source>Languages marked with the speaker can be spoken back; the others are translated to text only.</source>
        <translation>Los idiomas marcados con el altavoz se pueden pronunciar; los demás se traducen solo a texto.</translation>
    </message>
</context>
<context>
    <name>Latency</name>
    <message>
        <source>send %1 ms</source>
        <translation>envío %1 ms</translation>
    </message>
    <message>
        <source>final %1 ms</source>
        <translation>final %1 ms</translation>
    </message>
    <message>
        <source>voice %1 ms</source>
        <translation>voz %1 ms</translation>
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
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <source>too loud</source>
        <translation>demasiado alto</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>en silencio</translation>
    </message>
    <message>
        <source>quiet</source>
        <translation>bajo</translation>
    </message>
    <message>
        <source>speaking</source>
        <translation>hablando</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Idle</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>Escuchando</translation>
    </message>
    <message>
        <source>Translating…</source>
        <translation>Traduciendo…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Audio sent to the service, counted per hold: this session and today (since your midnight). Your price per minute and a daily cap are set in Settings → Session.</source>
        <translation>Audio enviado al servicio, contado por pulsación: esta sesión y hoy (desde su medianoche). Su precio por minuto y un límite diario se definen en Ajustes → Sesión.</translation>
    </message>
    <message>
        <source>Over 80 % of today&apos;s cap.</source>
        <translation>Más del 80 % del límite de hoy.</translation>
    </message>
    <message>
        <source>Today&apos;s cap is reached: new holds wait until midnight.</source>
        <translation>Se alcanzó el límite de hoy: las nuevas pulsaciones esperan hasta medianoche.</translation>
    </message>
    <message>
        <source>No speech detected — check the microphone (Settings → Audio).</source>
        <translation>No se detectó voz: compruebe el micrófono (Ajustes → Audio).</translation>
    </message>
    <message>
        <source>Rece&amp;nt ▾</source>
        <translation>Re&amp;cientes ▾</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>De&amp;sde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;A</translation>
    </message>
    <message>
        <source>Speech and text</source>
        <translation>Voz y texto</translation>
    </message>
    <message>
        <source>Text only</source>
        <translation>Solo texto</translation>
    </message>
    <message>
        <source>Male voice</source>
        <translation>Voz masculina</translation>
    </message>
    <message>
        <source>Female voice</source>
        <translation>Voz femenina</translation>
    </message>
    <message>
        <source>Cloned voice</source>
        <translation>Voz clonada</translation>
    </message>
    <message>
        <source>A cloned voice is not available for real-time translation yet.</source>
        <translation>La voz clonada aún no está disponible para la traducción en tiempo real.</translation>
    </message>
    <message>
        <source>Fast (stable spans)</source>
        <translation>Rápido (tramos estables)</translation>
    </message>
    <message>
        <source>Whole sentences</source>
        <translation>Frases completas</translation>
    </message>
    <message>
        <source>T&amp;wo-way conversation</source>
        <translation>Conversación &amp;bidireccional</translation>
    </message>
    <message>
        <source>Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”</source>
        <translation>Nombres y jerga, p. ej. «Dragoman, Qt, Zoë Ng»</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Serv&amp;ice</source>
        <translation>Ser&amp;vicio</translation>
    </message>
    <message>
        <source>&amp;Output</source>
        <translation>Sa&amp;lida</translation>
    </message>
    <message>
        <source>&amp;Voice</source>
        <translation>V&amp;oz</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>&amp;Resultados</translation>
    </message>
    <message>
        <source>Conte&amp;xt</source>
        <translation>Con&amp;texto</translation>
    </message>
    <message>
        <source>&amp;More ▾</source>
        <translation>&amp;Más ▾</translation>
    </message>
    <message>
        <source>Show the context field and two-way conversation</source>
        <translation>Mostrar el campo de contexto y la conversación bidireccional</translation>
    </message>
    <message>
        <source>The language you speak (“Detect automatically” lets the service tell)</source>
        <translation>El idioma que habla («Detectar automáticamente» deja que lo decida el servicio)</translation>
    </message>
    <message>
        <source>The language to translate into. Languages marked with the speaker can be spoken back; the others come as text only.</source>
        <translation>El idioma al que traducir. Los idiomas marcados con el altavoz se pueden pronunciar; los demás llegan solo como texto.</translation>
    </message>
    <message>
        <source>Swap the two languages (translate the other way)</source>
        <translation>Intercambiar los dos idiomas (traducir en el otro sentido)</translation>
    </message>
    <message>
        <source>Language pairs you used recently</source>
        <translation>Pares de idiomas usados recientemente</translation>
    </message>
    <message>
        <source>Which service listens: Pinch translates (speech or text); Smallest Pulse writes down what you say in your own language, without translating.</source>
        <translation>Qué servicio escucha: Pinch traduce (voz o texto); Smallest Pulse transcribe lo que dice en su propio idioma, sin traducir.</translation>
    </message>
    <message>
        <source>Speech and text: you hear the translation and read it. Text only: the translation is shown, not spoken.</source>
        <translation>Voz y texto: oye la traducción y la lee. Solo texto: la traducción se muestra, no se pronuncia.</translation>
    </message>
    <message>
        <source>The voice that speaks the translation</source>
        <translation>La voz que pronuncia la traducción</translation>
    </message>
    <message>
        <source>Fast: text appears in pieces as soon as each part is certain. Whole sentences: each sentence appears once it is complete (a little later, reads better).</source>
        <translation>Rápido: el texto aparece por partes en cuanto cada parte es segura. Frases completas: cada frase aparece cuando está completa (un poco más tarde, se lee mejor).</translation>
    </message>
    <message>
        <source>For a conversation between two people: Dragoman tells which of the two languages each utterance is in and translates it into the other.</source>
        <translation>Para una conversación entre dos personas: Dragoman detecta en cuál de los dos idiomas está cada intervención y la traduce al otro.</translation>
    </message>
    <message>
        <source>Names and special words to expect (people, products, jargon): they are recognised and spelled better. Sent with each session.</source>
        <translation>Nombres y palabras especiales que van a aparecer (personas, productos, jerga): se reconocen y se escriben mejor. Se envían con cada sesión.</translation>
    </message>
    <message>
        <source>Session id (click to copy: support asks for it)</source>
        <translation>ID de sesión (haga clic para copiarlo: el soporte lo pide)</translation>
    </message>
    <message>
        <source>Last utterance: key-down → first audio sent · release → last final · key-down → first translated speech</source>
        <translation>Última intervención: tecla pulsada → primer audio enviado · soltada → último resultado final · tecla pulsada → primera voz traducida</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>&amp;Dragoman</source>
        <translation>&amp;Dragoman</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>D&amp;ubbing…</source>
        <translation>&amp;Doblaje…</translation>
    </message>
    <message>
        <source>Translate whole recordings and videos (Pinch dubbing)</source>
        <translation>Traducir grabaciones y vídeos completos (doblaje de Pinch)</translation>
    </message>
    <message>
        <source>&amp;Compact window</source>
        <translation>Ventana &amp;compacta</translation>
    </message>
    <message>
        <source>A small window on top of the others: the pair, the last exchange, talk</source>
        <translation>Una ventana pequeña por encima de las demás: el par, el último intercambio, hablar</translation>
    </message>
    <message>
        <source>Caption &amp;overlay</source>
        <translation>&amp;Subtítulos superpuestos</translation>
    </message>
    <message>
        <source>Live captions in a strip over any application (clicks go through it)</source>
        <translation>Subtítulos en directo en una franja sobre cualquier aplicación (los clics la atraviesan)</translation>
    </message>
    <message>
        <source>&amp;Move captions…</source>
        <translation>&amp;Mover subtítulos…</translation>
    </message>
    <message>
        <source>Drag the caption strip, or a side of it to resize; then Done</source>
        <translation>Arrastre la franja de subtítulos, o uno de sus lados para cambiar el tamaño; luego «Listo»</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Setup assistant…</source>
        <translation>&amp;Asistente de configuración…</translation>
    </message>
    <message>
        <source>Key, microphone, push-to-talk key and call microphone, step by step</source>
        <translation>Clave, micrófono, tecla para hablar y micrófono de llamadas, paso a paso</translation>
    </message>
    <message>
        <source>&amp;About Dragoman</source>
        <translation>A&amp;cerca de Dragoman</translation>
    </message>
    <message>
        <source>Versions, and where the log, settings and history are kept</source>
        <translation>Versiones, y dónde se guardan el registro, los ajustes y el historial</translation>
    </message>
    <message>
        <source>From language</source>
        <translation>Idioma de origen</translation>
    </message>
    <message>
        <source>To language</source>
        <translation>Idioma de destino</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Intercambiar idiomas</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Pares de idiomas recientes</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <source>Two-way conversation</source>
        <translation>Conversación bidireccional</translation>
    </message>
    <message>
        <source>More options</source>
        <translation>Más opciones</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Session id</source>
        <translation>ID de sesión</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <source>Audio sent</source>
        <translation>Audio enviado</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>Sugerencia</translation>
    </message>
    <message>
        <source>Speech output legend</source>
        <translation>Leyenda de la salida de voz</translation>
    </message>
    <message>
        <source>What Dragoman is doing</source>
        <translation>Lo que está haciendo Dragoman</translation>
    </message>
    <message>
        <source>Press to copy the session id (support asks for it)</source>
        <translation>Pulse para copiar el ID de sesión (el soporte lo pide)</translation>
    </message>
    <message>
        <source>Errors and notices, each with its next step</source>
        <translation>Errores y avisos, cada uno con su siguiente paso</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Show history…</source>
        <translation>&amp;Ver historial…</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Nueva conversación</translation>
    </message>
    <message>
        <source>This row&apos;s translated speech is no longer kept.</source>
        <translation>La voz traducida de esta fila ya no se conserva.</translation>
    </message>
    <message>
        <source>%1 writes down what you say in your own language; it does not translate.</source>
        <translation>%1 transcribe lo que dice en su propio idioma; no traduce.</translation>
    </message>
    <message>
        <source>%1 cannot tell two languages apart in one talk.</source>
        <translation>%1 no distingue dos idiomas en una misma intervención.</translation>
    </message>
    <message>
        <source>%1 gives text only: nothing is spoken.</source>
        <translation>%1 solo da texto: no se pronuncia nada.</translation>
    </message>
    <message>
        <source>“Text only” is chosen, so no voice speaks: choose “Speech and text” to pick one.</source>
        <translation>Está elegido «Solo texto», así que ninguna voz habla: elija «Voz y texto» para escoger una.</translation>
    </message>
    <message>
        <source>No recent pairs yet.</source>
        <translation>Aún no hay pares recientes.</translation>
    </message>
    <message>
        <source>Session id %1</source>
        <translation>ID de sesión %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing more was sent</source>
        <translation>Cancelado: no se envió nada más</translation>
    </message>
    <message>
        <source>Details copied: paste them into your email</source>
        <translation>Detalles copiados: péguelos en su correo</translation>
    </message>
    <message>
        <source>Session id copied</source>
        <translation>ID de sesión copiado</translation>
    </message>
</context>
<context>
    <name>Meeting</name>
    <message>
        <source>Passing through</source>
        <translation>Pasando la voz</translation>
    </message>
    <message>
        <source>Translating</source>
        <translation>Traduciendo</translation>
    </message>
    <message>
        <source>Muted</source>
        <translation>Silenciado</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears your own voice. Hold the talk key to translate.</source>
        <translation>Modo reunión: la llamada oye su propia voz. Mantenga pulsada la tecla de hablar para traducir.</translation>
    </message>
    <message>
        <source>Meeting mode: the call hears the translation, not your own voice.</source>
        <translation>Modo reunión: la llamada oye la traducción, no su propia voz.</translation>
    </message>
    <message>
        <source>Mute all: the call hears nothing from Dragoman (neither your voice nor translations) until you unmute.</source>
        <translation>Silenciar todo: la llamada no oye nada de Dragoman (ni su voz ni las traducciones) hasta que reactive el sonido.</translation>
    </message>
    <message>
        <source>Mute all is on: unmute to say it again into the call.</source>
        <translation>«Silenciar todo» está activado: reactive el sonido para repetirlo en la llamada.</translation>
    </message>
    <message>
        <source>Translated speech is muted: unmute it to say it again.</source>
        <translation>La voz traducida está silenciada: reactívela para repetirlo.</translation>
    </message>
    <message>
        <source>No call output is set: choose the virtual microphone as the call output in Settings → Audio.</source>
        <translation>No hay ninguna salida de llamada: elija el micrófono virtual como salida de llamada en Ajustes → Audio.</translation>
    </message>
    <message>
        <source>Nothing to say again yet: no translated speech is kept.</source>
        <translation>Todavía no hay nada que repetir: no se guarda ninguna voz traducida.</translation>
    </message>
    <message>
        <source>Said again at %1</source>
        <translation>Repetido a las %1</translation>
    </message>
</context>
<context>
    <name>ProfileLabel</name>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
</context>
<context>
    <name>ProfileMenu</name>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>No profiles yet: save one in Settings ▸ Profiles</source>
        <translation>Aún no hay perfiles: guarde uno en Ajustes ▸ Perfiles</translation>
    </message>
    <message>
        <source>%1 (from the next hold)</source>
        <translation>%1 (desde la próxima pulsación)</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <source>hold to talk</source>
        <translation>mantener para hablar</translation>
    </message>
    <message>
        <source>tap to talk</source>
        <translation>tocar para hablar</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>híbrido</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>predeterminado del sistema</translation>
    </message>
    <message>
        <source>female voice</source>
        <translation>voz femenina</translation>
    </message>
    <message>
        <source>male voice</source>
        <translation>voz masculina</translation>
    </message>
    <message>
        <source>speech</source>
        <translation>voz</translation>
    </message>
    <message>
        <source>text only</source>
        <translation>solo texto</translation>
    </message>
    <message>
        <source>call: %1 at %2 %</source>
        <translation>llamada: %1 al %2 %</translation>
    </message>
    <message>
        <source>call off</source>
        <translation>llamada desactivada</translation>
    </message>
    <message>
        <source>monitor: %1 at %2 %</source>
        <translation>escucha: %1 al %2 %</translation>
    </message>
    <message>
        <source>monitor off</source>
        <translation>escucha desactivada</translation>
    </message>
    <message>
        <source>meeting mode on</source>
        <translation>modo reunión activado</translation>
    </message>
    <message>
        <source>meeting mode off</source>
        <translation>modo reunión desactivado</translation>
    </message>
    <message>
        <source>Profile: %1 (from the next hold)</source>
        <translation>Perfil: %1 (desde la próxima pulsación)</translation>
    </message>
    <message>
        <source>Profile: %1 (changed)</source>
        <translation>Perfil: %1 (modificado)</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Perfil: %1</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>A profile keeps the language pair, the voice, speech or text, the push-to-talk mode, the outputs with their volumes and meeting mode, for one kind of call. Choose one here, from the tray&apos;s Profile menu or with its hotkey; chosen during a hold, it applies once the hold is over.</source>
        <translation>Un perfil guarda el par de idiomas, la voz, voz o texto, el modo de pulsar para hablar, las salidas con sus volúmenes y el modo reunión, para un tipo de llamada. Elija uno aquí, en el menú Perfil de la bandeja o con su atajo; si se elige durante una pulsación, se aplica cuando esta termina.</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nombre del perfil</translation>
    </message>
    <message>
        <source>Save current as</source>
        <translation>Guardar lo actual como</translation>
    </message>
    <message>
        <source>Keep what the other pages show now as a profile of this name</source>
        <translation>Conservar lo que muestran ahora las otras páginas como un perfil con este nombre</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renombrar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usar</translation>
    </message>
    <message>
        <source>Load the profile&apos;s values into the other pages (OK keeps them)</source>
        <translation>Cargar los valores del perfil en las otras páginas (Aceptar los conserva)</translation>
    </message>
    <message>
        <source>Click, then press the keys that move on to the next profile. Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que pasan al siguiente perfil. Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Next profile hotkey</source>
        <translation>Atajo del siguiente perfil</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used. Press a new one.</source>
        <translation>El atajo guardado «%1» no se puede usar. Pulse uno nuevo.</translation>
    </message>
    <message>
        <source>The pages now show %1; OK keeps them.</source>
        <translation>Las páginas muestran ahora %1; Aceptar lo conserva.</translation>
    </message>
    <message>
        <source>%1 (in use)</source>
        <translation>%1 (en uso)</translation>
    </message>
</context>
<context>
    <name>PttButton</name>
    <message>
        <source>● Listening… release to translate</source>
        <translation>● Escuchando… suelte para traducir</translation>
    </message>
    <message>
        <source>Hold %1 (or this button) to talk</source>
        <translation>Mantenga %1 (o este botón) para hablar</translation>
    </message>
    <message>
        <source>Hold this button to talk</source>
        <translation>Mantenga este botón para hablar</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>escuchando</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>sin escuchar</translation>
    </message>
    <message>
        <source>Push to talk, %1</source>
        <translation>Pulsar para hablar, %1</translation>
    </message>
</context>
<context>
    <name>RouteTestWidget</name>
    <message>
        <source>Playing a test tone into the call output…</source>
        <translation>Reproduciendo un tono de prueba en la salida de llamada…</translation>
    </message>
    <message>
        <source>The route test is not available in this build.</source>
        <translation>La prueba de ruta no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Test the route</source>
        <translation>Probar la ruta</translation>
    </message>
    <message>
        <source>Plays a short tone into the call output and checks that it comes out of “Dragoman Microphone”, the microphone the call app records.</source>
        <translation>Reproduce un tono corto en la salida de llamada y comprueba que sale por «Dragoman Microphone», el micrófono que graba la aplicación de llamadas.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Always open</source>
        <translation>Siempre abierto</translation>
    </message>
    <message>
        <source>Open for a while after each hold</source>
        <translation>Abierto un rato después de cada pulsación</translation>
    </message>
    <message>
        <source>Open only while I hold the key</source>
        <translation>Abierto solo mientras mantengo la tecla</translation>
    </message>
    <message>
        <source>Every hold starts at once and the %1 ms before the key are kept, so no first syllable is lost. The cost: the microphone stays open and its indicator stays on while Dragoman runs.</source>
        <translation>Cada pulsación empieza al instante y se conservan los %1 ms anteriores a la tecla, así que no se pierde ninguna primera sílaba. El coste: el micrófono sigue abierto y su indicador encendido mientras Dragoman está en marcha.</translation>
    </message>
    <message>
        <source>For %2 after a hold, the next one starts at once with the %1 ms before the key kept. Then the microphone closes and its indicator goes off; the next hold opens it again and starts at the key press.</source>
        <translation>Durante %2 después de una pulsación, la siguiente empieza al instante con los %1 ms anteriores a la tecla. Después el micrófono se cierra y su indicador se apaga; la siguiente pulsación lo vuelve a abrir y empieza al pulsar la tecla.</translation>
    </message>
    <message>
        <source>The microphone is open only while you hold the key, so its indicator is off the rest of the time and nothing is heard between holds. The cost: nothing from before the key is kept, and opening the microphone can clip your first syllable.</source>
        <translation>El micrófono solo está abierto mientras mantiene la tecla, así que su indicador está apagado el resto del tiempo y no se oye nada entre pulsaciones. El coste: no se conserva nada de antes de la tecla, y abrir el micrófono puede cortar su primera sílaba.</translation>
    </message>
    <message>
        <source>Pause it when it plays on built-in speakers</source>
        <translation>Pausarla cuando suena por los altavoces integrados</translation>
    </message>
    <message>
        <source>Always pause it</source>
        <translation>Pausarla siempre</translation>
    </message>
    <message>
        <source>Never pause it (I use headphones)</source>
        <translation>No pausarla nunca (uso auriculares)</translation>
    </message>
    <message>
        <source>Pinch&apos;s price is not built in: enter yours to see the cost.</source>
        <translation>El precio de Pinch no viene incluido: introduzca el suyo para ver el coste.</translation>
    </message>
    <message>
        <source>What one minute of audio sent costs you, in your own currency. The status bar shows the cost of this session and of today; with no price, no money is shown anywhere.</source>
        <translation>Lo que le cuesta un minuto de audio enviado, en su propia moneda. La barra de estado muestra el coste de esta sesión y el de hoy; sin precio, no se muestra dinero en ningún sitio.</translation>
    </message>
    <message>
        <source>The most minutes of audio to send in a day. At 80 % a warning; at the cap new holds stop until midnight (a hold under way finishes).</source>
        <translation>El máximo de minutos de audio que enviar en un día. Al 80 %, un aviso; al llegar al límite, las nuevas pulsaciones se detienen hasta medianoche (una pulsación en curso termina).</translation>
    </message>
    <message>
        <source>On speakers the microphone hears the translation and would send it back to be translated again. Pausing stops the playback the moment you press the talk key; the microphone always records your whole hold either way. The part not played can be replayed from its row (right-click, Replay translation). Built-in speakers are recognised from what the sound system says about the output; choose &quot;Always pause it&quot; if yours are not, or &quot;Never&quot; with headphones.</source>
        <translation>Con altavoces el micrófono oye la traducción y la enviaría de vuelta para traducirla otra vez. Pausar detiene la reproducción en el momento en que pulsa la tecla para hablar; el micrófono graba siempre toda su pulsación. La parte no reproducida puede volver a reproducirse desde su fila (clic derecho, Reproducir la traducción). Los altavoces integrados se reconocen por lo que el sistema de sonido dice de la salida; elija «Pausarla siempre» si los suyos no se reconocen, o «No pausarla nunca» con auriculares.</translation>
    </message>
    <message>
        <source>Dragoman settings</source>
        <translation>Ajustes de Dragoman</translation>
    </message>
    <message>
        <source>Keys are stored only in your OS keyring, never in a settings file. A pasted key is saved by Save, Enter, a successful Test or OK.</source>
        <translation>Las claves se guardan solo en el llavero del sistema, nunca en un archivo de ajustes. Una clave pegada se guarda con Guardar, Intro, una prueba correcta o Aceptar.</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Create virtual microphone</source>
        <translation>Crear micrófono virtual</translation>
    </message>
    <message>
        <source>Refresh devices</source>
        <translation>Actualizar dispositivos</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Call output (virtual microphone)</source>
        <translation>Salida de llamada (micrófono virtual)</translation>
    </message>
    <message>
        <source>Call volume</source>
        <translation>Volumen de llamada</translation>
    </message>
    <message>
        <source>Monitor output (your headphones)</source>
        <translation>Salida de escucha (sus auriculares)</translation>
    </message>
    <message>
        <source>Monitor volume</source>
        <translation>Volumen de escucha</translation>
    </message>
    <message>
        <source>Route into calls</source>
        <translation>Ruta hacia las llamadas</translation>
    </message>
    <message>
        <source>Meeting mode: my voice goes to the call while no key is held</source>
        <translation>Modo reunión: mi voz va a la llamada mientras no mantengo ninguna tecla</translation>
    </message>
    <message>
        <source>Your microphone plays into the call output (the virtual microphone) unchanged; holding the talk key mutes it and the translation plays there instead.</source>
        <translation>Su micrófono suena sin cambios en la salida de llamada (el micrófono virtual); mantener la tecla para hablar lo silencia y ahí suena la traducción en su lugar.</translation>
    </message>
    <message>
        <source>After the translation has played</source>
        <translation>Cuando se haya reproducido la traducción</translation>
    </message>
    <message>
        <source>As soon as I release the key</source>
        <translation>En cuanto suelte la tecla</translation>
    </message>
    <message>
        <source>Back to my voice</source>
        <translation>Volver a mi voz</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Click, then press the keys that translate the other way (target to source). Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que traducen en el otro sentido (de destino a origen). Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Click, then press the keys that play the last translation into the call again. Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que vuelven a reproducir la última traducción en la llamada. Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Click, then press the keys that mute everything going into the call (your voice and translations) until pressed again. Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que silencian todo lo que entra en la llamada (su voz y las traducciones) hasta que se pulsen de nuevo. Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the compact window, whatever window has the focus. Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que muestran u ocultan la ventana compacta, tenga el foco la ventana que sea. Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Click, then press the keys that show or hide the caption overlay, whatever window has the focus. Backspace clears it.</source>
        <translation>Haga clic y luego pulse las teclas que muestran u ocultan los subtítulos superpuestos, tenga el foco la ventana que sea. Retroceso lo borra.</translation>
    </message>
    <message>
        <source>Hold to talk</source>
        <translation>Mantener para hablar</translation>
    </message>
    <message>
        <source>Tap to start, tap to stop</source>
        <translation>Tocar para empezar, tocar para parar</translation>
    </message>
    <message>
        <source>Hybrid: tap latches, hold talks</source>
        <translation>Híbrido: tocar fija, mantener habla</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>X11 / Windows / macOS keyboard hook</source>
        <translation>Gancho de teclado de X11 / Windows / macOS</translation>
    </message>
    <message>
        <source>Desktop portal (Wayland)</source>
        <translation>Portal de escritorio (Wayland)</translation>
    </message>
    <message>
        <source>Only while the window has focus</source>
        <translation>Solo mientras la ventana tiene el foco</translation>
    </message>
    <message>
        <source>Talk hotkey</source>
        <translation>Atajo para hablar</translation>
    </message>
    <message>
        <source>Reverse-direction hotkey</source>
        <translation>Atajo de sentido inverso</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Hotkey method</source>
        <translation>Método del atajo</translation>
    </message>
    <message>
        <source>Longest utterance</source>
        <translation>Intervención más larga</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Pulsar para hablar</translation>
    </message>
    <message>
        <source>Say it again hotkey</source>
        <translation>Atajo de «Repetir»</translation>
    </message>
    <message>
        <source>Mute all hotkey</source>
        <translation>Atajo de «Silenciar todo»</translation>
    </message>
    <message>
        <source>Compact window hotkey</source>
        <translation>Atajo de la ventana compacta</translation>
    </message>
    <message>
        <source>Caption overlay hotkey</source>
        <translation>Atajo de los subtítulos superpuestos</translation>
    </message>
    <message>
        <source>When the microphone is open. An open microphone keeps the moment before the key press; a closed one keeps the microphone indicator off.</source>
        <translation>Cuándo está abierto el micrófono. Un micrófono abierto conserva el momento anterior a pulsar la tecla; uno cerrado mantiene apagado el indicador del micrófono.</translation>
    </message>
    <message>
        <source>How long the microphone stays open after a hold ends.</source>
        <translation>Cuánto tiempo sigue abierto el micrófono cuando termina una pulsación.</translation>
    </message>
    <message>
        <source>Keep a session warm (no wait on key-down)</source>
        <translation>Mantener una sesión preparada (sin espera al pulsar)</translation>
    </message>
    <message>
        <source>Don&apos;t send holds with no speech in them</source>
        <translation>No enviar pulsaciones sin voz</translation>
    </message>
    <message>
        <source>Start Dragoman when I log in</source>
        <translation>Iniciar Dragoman al iniciar sesión</translation>
    </message>
    <message>
        <source>Same as the desktop</source>
        <translation>Igual que el escritorio</translation>
    </message>
    <message>
        <source>The language of Dragoman&apos;s windows. It applies the next time Dragoman starts.</source>
        <translation>El idioma de las ventanas de Dragoman. Se aplica la próxima vez que se inicie Dragoman.</translation>
    </message>
    <message>
        <source>The caption overlay&apos;s translation; the original above it is three quarters of it</source>
        <translation>La traducción de los subtítulos superpuestos; el original de encima mide tres cuartas partes</translation>
    </message>
    <message>
        <source>How much the caption strip&apos;s dark background hides what is under it; the text itself stays opaque, with a dark outline</source>
        <translation>Cuánto oculta el fondo oscuro de la franja de subtítulos lo que hay debajo; el texto sigue siendo opaco, con un contorno oscuro</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Sin definir</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> por minuto</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Sin límite</translation>
    </message>
    <message>
        <source>Close the microphone after</source>
        <translation>Cerrar el micrófono tras</translation>
    </message>
    <message>
        <source>Audio kept from before the key press</source>
        <translation>Audio conservado antes de pulsar la tecla</translation>
    </message>
    <message>
        <source>Audio kept after the key release</source>
        <translation>Audio conservado tras soltar la tecla</translation>
    </message>
    <message>
        <source>Close a warm session after</source>
        <translation>Cerrar una sesión preparada tras</translation>
    </message>
    <message>
        <source>Talk key while a translation plays</source>
        <translation>Tecla para hablar mientras suena una traducción</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;Language of the windows</source>
        <translation>&amp;Idioma de las ventanas</translation>
    </message>
    <message>
        <source>Caption overlay text size</source>
        <translation>Tamaño del texto de los subtítulos</translation>
    </message>
    <message>
        <source>Caption overlay background</source>
        <translation>Fondo de los subtítulos</translation>
    </message>
    <message>
        <source>&amp;Price of audio sent</source>
        <translation>&amp;Precio del audio enviado</translation>
    </message>
    <message>
        <source>Daily &amp;cap on audio sent</source>
        <translation>&amp;Límite diario de audio enviado</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Pinch service URL</source>
        <translation>URL del servicio Pinch</translation>
    </message>
    <message>
        <source>Smallest Pulse URL</source>
        <translation>URL de Smallest Pulse</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language applies when Dragoman is started again.</source>
        <translation>El nuevo idioma se aplica cuando se vuelve a iniciar Dragoman.</translation>
    </message>
    <message>
        <source>talk hotkey</source>
        <translation>atajo para hablar</translation>
    </message>
    <message>
        <source>reverse-direction hotkey</source>
        <translation>atajo de sentido inverso</translation>
    </message>
    <message>
        <source>say it again hotkey</source>
        <translation>atajo de «Repetir»</translation>
    </message>
    <message>
        <source>mute all hotkey</source>
        <translation>atajo de «Silenciar todo»</translation>
    </message>
    <message>
        <source>compact window hotkey</source>
        <translation>atajo de la ventana compacta</translation>
    </message>
    <message>
        <source>caption overlay hotkey</source>
        <translation>atajo de los subtítulos superpuestos</translation>
    </message>
    <message>
        <source>next profile hotkey</source>
        <translation>atajo del siguiente perfil</translation>
    </message>
    <message>
        <source>Creating the virtual microphone…</source>
        <translation>Creando el micrófono virtual…</translation>
    </message>
    <message>
        <source>It is now the call output (press OK to keep it).</source>
        <translation>Ahora es la salida de llamada (pulse Aceptar para conservarla).</translation>
    </message>
    <message>
        <source>The saved hotkey &apos;%1&apos; cannot be used: %2 Press a new one.</source>
        <translation>El atajo guardado «%1» no se puede usar: %2 Pulse uno nuevo.</translation>
    </message>
    <message>
        <source>%1 (not connected)</source>
        <translation>%1 (no conectado)</translation>
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
        <translation>Traducción</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>Said (in %1 or %2)</source>
        <translation>Dicho (en %1 o %2)</translation>
    </message>
    <message>
        <source>Translated into the other</source>
        <translation>Traducido al otro</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>What was said and its translation, one utterance a row. Arrow keys move between rows; Ctrl+C copies the selected rows; Ctrl+F finds.</source>
        <translation>Lo dicho y su traducción, una intervención por fila. Las flechas cambian de fila; Ctrl+C copia las filas seleccionadas; Ctrl+F busca.</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Ir a lo último ↓</translation>
    </message>
    <message>
        <source>Jump to latest</source>
        <translation>Ir a lo último</translation>
    </message>
    <message>
        <source>Scroll to the newest row and follow it</source>
        <translation>Desplazarse a la fila más reciente y seguirla</translation>
    </message>
    <message>
        <source>Find in the transcript</source>
        <translation>Buscar en la transcripción</translation>
    </message>
    <message>
        <source>Enter: next match; Shift+Enter: previous; Escape: close</source>
        <translation>Intro: siguiente coincidencia; Mayús+Intro: anterior; Escape: cerrar</translation>
    </message>
    <message>
        <source>Copy &amp;everything</source>
        <translation>Copiar &amp;todo</translation>
    </message>
    <message>
        <source>&amp;Copy row</source>
        <translation>&amp;Copiar fila</translation>
    </message>
    <message>
        <source>Say it &amp;again</source>
        <translation>&amp;Repetir</translation>
    </message>
    <message>
        <source>Play the selected row&apos;s translation (or the last one) into the call again</source>
        <translation>Reproducir de nuevo en la llamada la traducción de la fila seleccionada (o la última)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier row(s) not shown: with history off, only the latest rows are kept.</source>
        <translation>
            <numerusform>%n fila anterior no se muestra: con el historial desactivado solo se conservan las filas más recientes.</numerusform>
            <numerusform>%n filas anteriores no se muestran: con el historial desactivado solo se conservan las filas más recientes.</numerusform>
        </translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message>
        <source>Copy row</source>
        <translation>Copiar fila</translation>
    </message>
    <message>
        <source>Copy rows</source>
        <translation>Copiar filas</translation>
    </message>
    <message>
        <source>Copy everything</source>
        <translation>Copiar todo</translation>
    </message>
    <message>
        <source>Replay translation</source>
        <translation>Reproducir la traducción</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>Play this translation into the call again</source>
        <translation>Reproducir de nuevo esta traducción en la llamada</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Dragoman — idle</source>
        <translation>Dragoman — inactivo</translation>
    </message>
    <message>
        <source>Dragoman — connecting</source>
        <translation>Dragoman — conectando</translation>
    </message>
    <message>
        <source>Dragoman — ready</source>
        <translation>Dragoman — listo</translation>
    </message>
    <message>
        <source>Dragoman — listening</source>
        <translation>Dragoman — escuchando</translation>
    </message>
    <message>
        <source>Dragoman — translating</source>
        <translation>Dragoman — traduciendo</translation>
    </message>
    <message>
        <source>Dragoman — reconnecting</source>
        <translation>Dragoman — reconectando</translation>
    </message>
    <message>
        <source>Dragoman — needs attention (open the window)</source>
        <translation>Dragoman — requiere atención (abra la ventana)</translation>
    </message>
    <message>
        <source>Show / hide window</source>
        <translation>Mostrar / ocultar ventana</translation>
    </message>
    <message>
        <source>Start talking</source>
        <translation>Empezar a hablar</translation>
    </message>
    <message>
        <source>Recent language pairs</source>
        <translation>Pares de idiomas recientes</translation>
    </message>
    <message>
        <source>Mute translated speech</source>
        <translation>Silenciar la voz traducida</translation>
    </message>
    <message>
        <source>Say it again</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>The last translation into the call again</source>
        <translation>La última traducción otra vez en la llamada</translation>
    </message>
    <message>
        <source>Mute all (nothing into the call)</source>
        <translation>Silenciar todo (nada entra en la llamada)</translation>
    </message>
    <message>
        <source>Dubbing…</source>
        <translation>Doblaje…</translation>
    </message>
    <message>
        <source>Compact window</source>
        <translation>Ventana compacta</translation>
    </message>
    <message>
        <source>Caption overlay</source>
        <translation>Subtítulos superpuestos</translation>
    </message>
    <message>
        <source>Move captions…</source>
        <translation>Mover subtítulos…</translation>
    </message>
    <message>
        <source>The caption strip takes the mouse: drag it, drag a side to resize, then Done</source>
        <translation>La franja de subtítulos toma el ratón: arrástrela, arrastre un lado para cambiar el tamaño y luego «Listo»</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>Asistente de configuración…</translation>
    </message>
    <message>
        <source>Quit Dragoman</source>
        <translation>Salir de Dragoman</translation>
    </message>
    <message>
        <source>Dragoman is still running</source>
        <translation>Dragoman sigue en marcha</translation>
    </message>
    <message>
        <source>Push-to-talk keeps working. Use the tray icon to open the window or quit.</source>
        <translation>El pulsar para hablar sigue funcionando. Use el icono de la bandeja para abrir la ventana o salir.</translation>
    </message>
    <message>
        <source>Dragoman needs attention</source>
        <translation>Dragoman requiere atención</translation>
    </message>
    <message>
        <source>Dragoman — %1</source>
        <translation>Dragoman — %1</translation>
    </message>
    <message>
        <source>Call: %1</source>
        <translation>Llamada: %1</translation>
    </message>
    <message>
        <source>Stop talking</source>
        <translation>Dejar de hablar</translation>
    </message>
</context>
<context>
    <name>UnsavedKeyQuestion</name>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Save the API key?</source>
        <translation>¿Guardar la clave de API?</translation>
    </message>
    <message>
        <source>You pasted a %1 API key but did not save it. Save it in the OS keyring?</source>
        <translation>Pegó una clave de API de %1 pero no la guardó. ¿Guardarla en el llavero del sistema?</translation>
    </message>
</context>
<context>
    <name>banners</name>
    <message>
        <source>Set your API key</source>
        <translation>Definir su clave de API</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconectar</translation>
    </message>
    <message>
        <source>Open device settings</source>
        <translation>Abrir ajustes de dispositivos</translation>
    </message>
    <message>
        <source>Use a key for this session only</source>
        <translation>Usar una clave solo para esta sesión</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal), the time and session %2. “Copy details” copies them.</source>
        <translation>Esta clave de API de Pinch no tiene acceso a la traducción en tiempo real. Pida al soporte de Pinch que la habilite: escriba a %1 indicando el nombre de su clave (como aparece en el portal de desarrolladores), la hora y la sesión %2. «Copiar detalles» los copia.</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation. Ask Pinch support to enable it: write to %1 quoting your key&apos;s name (as on the developer portal) and the time. “Copy details” copies them.</source>
        <translation>Esta clave de API de Pinch no tiene acceso a la traducción en tiempo real. Pida al soporte de Pinch que la habilite: escriba a %1 indicando el nombre de su clave (como aparece en el portal de desarrolladores) y la hora. «Copiar detalles» los copia.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copiar detalles</translation>
    </message>
    <message>
        <source>Switch to text only</source>
        <translation>Cambiar a solo texto</translation>
    </message>
    <message>
        <source>Use the male voice</source>
        <translation>Usar la voz masculina</translation>
    </message>
    <message>
        <source>Service busy, retrying in %1 s. (%2)</source>
        <translation>Servicio ocupado, reintento en %1 s. (%2)</translation>
    </message>
    <message>
        <source>Service busy, retrying. (%1)</source>
        <translation>Servicio ocupado, reintentando. (%1)</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s… %2</source>
        <translation>Reconectando en %1 s… %2</translation>
    </message>
    <message>
        <source>Reconnecting… %1</source>
        <translation>Reconectando… %1</translation>
    </message>
    <message>
        <source>No microphone was found: plug one in or choose another input.</source>
        <translation>No se encontró ningún micrófono: conecte uno o elija otra entrada.</translation>
    </message>
    <message>
        <source>Paused the translation so the microphone hears only you. To hear the rest, right-click its row and choose Replay translation. With headphones it can play on (Settings).</source>
        <translation>Se pausó la traducción para que el micrófono solo le oiga a usted. Para oír el resto, haga clic derecho en su fila y elija Reproducir la traducción. Con auriculares puede seguir sonando (Ajustes).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used. At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 de los %2 minutos de audio de hoy usados. A los %2 minutos las nuevas pulsaciones se detienen hasta medianoche; cambie el límite diario en Ajustes.</translation>
    </message>
    <message>
        <source>%1 of today&apos;s %2 minutes of audio used (cost today: %3 at your price). At %2 minutes new holds stop until midnight; change the daily cap in Settings.</source>
        <translation>%1 de los %2 minutos de audio de hoy usados (coste de hoy: %3 a su precio). A los %2 minutos las nuevas pulsaciones se detienen hasta medianoche; cambie el límite diario en Ajustes.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached: new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Se alcanzó el límite de hoy de %1 minutos de audio: las nuevas pulsaciones se detienen hasta medianoche. Aumente o quite el límite diario en Ajustes para continuar.</translation>
    </message>
    <message>
        <source>Today&apos;s cap of %1 minutes of audio is reached (cost today: %2 at your price): new holds are stopped until midnight. Raise or remove the daily cap in Settings to go on.</source>
        <translation>Se alcanzó el límite de hoy de %1 minutos de audio (coste de hoy: %2 a su precio): las nuevas pulsaciones se detienen hasta medianoche. Aumente o quite el límite diario en Ajustes para continuar.</translation>
    </message>
</context>
<context>
    <name>chord</name>
    <message>
        <source>switches windows</source>
        <translation>cambia de ventana</translation>
    </message>
    <message>
        <source>closes the window</source>
        <translation>cierra la ventana</translation>
    </message>
    <message>
        <source>opens the window menu</source>
        <translation>abre el menú de la ventana</translation>
    </message>
    <message>
        <source>opens the system&apos;s security screen</source>
        <translation>abre la pantalla de seguridad del sistema</translation>
    </message>
    <message>
        <source>opens a terminal on Ubuntu</source>
        <translation>abre un terminal en Ubuntu</translation>
    </message>
    <message>
        <source>locks the screen on some Linux desktops</source>
        <translation>bloquea la pantalla en algunos escritorios Linux</translation>
    </message>
    <message>
        <source>switches workspaces</source>
        <translation>cambia de espacio de trabajo</translation>
    </message>
    <message>
        <source>opens the Start menu on Windows</source>
        <translation>abre el menú Inicio en Windows</translation>
    </message>
    <message>
        <source>opens the Task Manager on Windows</source>
        <translation>abre el Administrador de tareas en Windows</translation>
    </message>
    <message>
        <source>switches the input method on many systems</source>
        <translation>cambia el método de entrada en muchos sistemas</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows</source>
        <translation>cambia la distribución del teclado en Windows</translation>
    </message>
    <message>
        <source>switches the keyboard layout on Windows and KDE</source>
        <translation>cambia la distribución del teclado en Windows y KDE</translation>
    </message>
    <message>
        <source>opens the Start menu / Activities overview</source>
        <translation>abre el menú Inicio / la vista de Actividades</translation>
    </message>
    <message>
        <source>switches the input source (GNOME) or opens Spotlight (macOS)</source>
        <translation>cambia la fuente de entrada (GNOME) o abre Spotlight (macOS)</translation>
    </message>
    <message>
        <source>switches windows (macOS) or opens Task View (Windows)</source>
        <translation>cambia de ventana (macOS) o abre la Vista de tareas (Windows)</translation>
    </message>
    <message>
        <source>locks the screen on Windows and GNOME</source>
        <translation>bloquea la pantalla en Windows y GNOME</translation>
    </message>
    <message>
        <source>shows the desktop</source>
        <translation>muestra el escritorio</translation>
    </message>
    <message>
        <source>opens the file manager on Windows</source>
        <translation>abre el explorador de archivos en Windows</translation>
    </message>
    <message>
        <source>quits the application on macOS</source>
        <translation>cierra la aplicación en macOS</translation>
    </message>
    <message>
        <source>closes the window on macOS</source>
        <translation>cierra la ventana en macOS</translation>
    </message>
    <message>
        <source>hides the application on macOS</source>
        <translation>oculta la aplicación en macOS</translation>
    </message>
    <message>
        <source>minimises the window on macOS</source>
        <translation>minimiza la ventana en macOS</translation>
    </message>
    <message>
        <source>takes a screenshot on macOS</source>
        <translation>hace una captura de pantalla en macOS</translation>
    </message>
    <message>
        <source>opens the screenshot tool on macOS</source>
        <translation>abre la herramienta de capturas en macOS</translation>
    </message>
    <message>
        <source>copies</source>
        <translation>copia</translation>
    </message>
    <message>
        <source>pastes</source>
        <translation>pega</translation>
    </message>
    <message>
        <source>cuts</source>
        <translation>corta</translation>
    </message>
    <message>
        <source>undoes</source>
        <translation>deshace</translation>
    </message>
    <message>
        <source>selects everything</source>
        <translation>selecciona todo</translation>
    </message>
    <message>
        <source>saves</source>
        <translation>guarda</translation>
    </message>
    <message>
        <source>closes the tab or window</source>
        <translation>cierra la pestaña o la ventana</translation>
    </message>
    <message>
        <source>takes a screenshot</source>
        <translation>hace una captura de pantalla</translation>
    </message>
    <message>
        <source>opens help in most applications</source>
        <translation>abre la ayuda en la mayoría de las aplicaciones</translation>
    </message>
    <message>
        <source>reloads the page in browsers</source>
        <translation>recarga la página en los navegadores</translation>
    </message>
    <message>
        <source>toggles full screen</source>
        <translation>activa o desactiva la pantalla completa</translation>
    </message>
    <message>
        <source>closes dialogs and menus everywhere</source>
        <translation>cierra diálogos y menús en todas partes</translation>
    </message>
    <message>
        <source>%1 is a common shortcut: it %2.</source>
        <translation>%1 es un atajo habitual: %2.</translation>
    </message>
    <message>
        <source>%1 overlaps %2, which %3.</source>
        <translation>%1 se solapa con %2, que %3.</translation>
    </message>
    <message>
        <source>%1 is pressed while typing: every time would start talking.</source>
        <translation>%1 se pulsa al escribir: cada vez empezaría a hablar.</translation>
    </message>
    <message>
        <source>%1 is AltGr on many keyboard layouts (it types @, € and others): typing those would start talking.</source>
        <translation>%1 es AltGr en muchas distribuciones de teclado (con ella se escriben @, € y otros): escribirlos empezaría a hablar.</translation>
    </message>
    <message>
        <source>%1 alone starts talking at every shortcut that uses it (%2+C and the like); a right-hand modifier such as Right%2 is pressed less often.</source>
        <translation>%1 por sí sola empieza a hablar con cada atajo que la usa (%2+C y similares); un modificador derecho como Right%2 se pulsa menos.</translation>
    </message>
    <message>
        <source>%1 is also the cancel key: pressing it would start and cancel.</source>
        <translation>%1 también es la tecla de cancelar: pulsarla empezaría y cancelaría.</translation>
    </message>
</context>
<context>
    <name>dubbing</name>
    <message>
        <source>stage %1/%2</source>
        <translation>etapa %1/%2</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>etapa %1</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>subiendo</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>downloading the result</source>
        <translation>descargando el resultado</translation>
    </message>
    <message>
        <source>done</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>not waiting (the job may go on at Pinch)</source>
        <translation>sin esperar (el trabajo puede seguir en Pinch)</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>requiere atención</translation>
    </message>
    <message>
        <source>uploading %1 %</source>
        <translation>subiendo %1 %</translation>
    </message>
    <message>
        <source>creating the job</source>
        <translation>creando el trabajo</translation>
    </message>
    <message>
        <source>downloading the result %1 %</source>
        <translation>descargando el resultado %1 %</translation>
    </message>
    <message>
        <source>longer than expected</source>
        <translation>tarda más de lo previsto</translation>
    </message>
</context>
<context>
    <name>engines</name>
    <message>
        <source>Pinch real-time translation</source>
        <translation>Traducción en tiempo real de Pinch</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Could not start audio on “%1” (%2). Check that it is connected and not in use, or pick another one.</source>
        <translation>No se pudo iniciar el audio en «%1» (%2). Compruebe que está conectado y que no está en uso, o elija otro.</translation>
    </message>
    <message>
        <source>voiceType=&apos;clone&apos; is not supported yet: the real-time API speaks with a male or female voice, choose one of those.</source>
        <translation>La voz clonada (voiceType=&apos;clone&apos;) aún no está disponible: la API en tiempo real habla con voz masculina o femenina, elija una de ellas.</translation>
    </message>
    <message>
        <source>Pinch did not accept the API key: set a valid key (create one on the Pinch developer portal).</source>
        <translation>Pinch no aceptó la clave de API: defina una clave válida (cree una en el portal de desarrolladores de Pinch).</translation>
    </message>
    <message>
        <source>This Pinch API key is not entitled to real-time translation: ask Pinch support to enable it for your account, quoting your key&apos;s name.</source>
        <translation>Esta clave de API de Pinch no tiene acceso a la traducción en tiempo real: pida al soporte de Pinch que la habilite para su cuenta, indicando el nombre de su clave.</translation>
    </message>
    <message>
        <source>The Pinch service is rate limited (HTTP %1)%2.</source>
        <translation>El servicio Pinch está limitando las solicitudes (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch service is busy (HTTP %1)%2.</source>
        <translation>El servicio Pinch está ocupado (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>Pinch refused the session (HTTP %1): %2.</source>
        <translation>Pinch rechazó la sesión (HTTP %1): %2.</translation>
    </message>
    <message>
        <source>no reason</source>
        <translation>sin motivo</translation>
    </message>
    <message>
        <source>The Pinch service failed (HTTP %1)%2.</source>
        <translation>El servicio Pinch falló (HTTP %1)%2.</translation>
    </message>
    <message>
        <source>The Pinch endpoint answered HTTP %1%2: check the service URL.</source>
        <translation>El punto de acceso de Pinch respondió HTTP %1%2: compruebe la URL del servicio.</translation>
    </message>
    <message>
        <source>Pinch cannot speak &apos;%1&apos; yet: switch to text only, or choose a target language with speech output.</source>
        <translation>Pinch aún no puede hablar «%1»: cambie a solo texto o elija un idioma de destino con salida de voz.</translation>
    </message>
    <message>
        <source>The Pinch service said: %1</source>
        <translation>El servicio Pinch dijo: %1</translation>
    </message>
    <message>
        <source>The session ended normally.</source>
        <translation>La sesión terminó con normalidad.</translation>
    </message>
    <message>
        <source>The session link expired; starting a new session.</source>
        <translation>El enlace de la sesión caducó; iniciando una sesión nueva.</translation>
    </message>
    <message>
        <source>The server ended the session; starting a new one.</source>
        <translation>El servidor terminó la sesión; iniciando una nueva.</translation>
    </message>
    <message>
        <source>A message was too large to accept (code 1009); reconnecting.</source>
        <translation>Un mensaje era demasiado grande (código 1009); reconectando.</translation>
    </message>
    <message>
        <source>The connection dropped; reconnecting.</source>
        <translation>Se cortó la conexión; reconectando.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1: %2); reconnecting.</source>
        <translation>El servidor cerró la conexión (código %1: %2); reconectando.</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1); reconnecting.</source>
        <translation>El servidor cerró la conexión (código %1); reconectando.</translation>
    </message>
    <message>
        <source>No %1 API key yet: add it in Settings → API keys (or set %2).</source>
        <translation>Aún no hay clave de API de %1: añádala en Ajustes → Claves de API (o defina %2).</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 no respondió en %2 s.</translation>
    </message>
    <message>
        <source>%1 closed the session without answering.</source>
        <translation>%1 cerró la sesión sin responder.</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 s: check your connection.</source>
        <translation>%1 no respondió en %2 s: compruebe su conexión.</translation>
    </message>
    <message>
        <source>No secure keyring is available on this system (no Secret Service / KWallet running): start your desktop&apos;s keyring, or use the key for this session only.</source>
        <translation>No hay ningún llavero seguro disponible en este sistema (no hay Secret Service / KWallet en marcha): inicie el llavero de su escritorio o use la clave solo para esta sesión.</translation>
    </message>
</context>
<context>
    <name>languages</name>
    <message>
        <source>Detect automatically</source>
        <translation>Detectar automáticamente</translation>
    </message>
    <message>
        <source>Afrikaans</source>
        <translation>Afrikáans</translation>
    </message>
    <message>
        <source>Amharic</source>
        <translation>Amárico</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Árabe</translation>
    </message>
    <message>
        <source>Azerbaijani</source>
        <translation>Azerí</translation>
    </message>
    <message>
        <source>Belarusian</source>
        <translation>Bielorruso</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Búlgaro</translation>
    </message>
    <message>
        <source>Bengali</source>
        <translation>Bengalí</translation>
    </message>
    <message>
        <source>Bosnian</source>
        <translation>Bosnio</translation>
    </message>
    <message>
        <source>Catalan</source>
        <translation>Catalán</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Checo</translation>
    </message>
    <message>
        <source>Welsh</source>
        <translation>Galés</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Danés</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Alemán</translation>
    </message>
    <message>
        <source>German (Austria)</source>
        <translation>Alemán (Austria)</translation>
    </message>
    <message>
        <source>German (Switzerland)</source>
        <translation>Alemán (Suiza)</translation>
    </message>
    <message>
        <source>German (Germany)</source>
        <translation>Alemán (Alemania)</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Griego</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <source>English (Australia)</source>
        <translation>Inglés (Australia)</translation>
    </message>
    <message>
        <source>English (United Kingdom)</source>
        <translation>Inglés (Reino Unido)</translation>
    </message>
    <message>
        <source>English (India)</source>
        <translation>Inglés (India)</translation>
    </message>
    <message>
        <source>English (United States)</source>
        <translation>Inglés (Estados Unidos)</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <source>Spanish (Latin America)</source>
        <translation>Español (Latinoamérica)</translation>
    </message>
    <message>
        <source>Spanish (Spain)</source>
        <translation>Español (España)</translation>
    </message>
    <message>
        <source>Spanish (Mexico)</source>
        <translation>Español (México)</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Estonio</translation>
    </message>
    <message>
        <source>Basque</source>
        <translation>Euskera</translation>
    </message>
    <message>
        <source>Persian</source>
        <translation>Persa</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Finés</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Francés</translation>
    </message>
    <message>
        <source>French (Canada)</source>
        <translation>Francés (Canadá)</translation>
    </message>
    <message>
        <source>French (France)</source>
        <translation>Francés (Francia)</translation>
    </message>
    <message>
        <source>Irish</source>
        <translation>Irlandés</translation>
    </message>
    <message>
        <source>Galician</source>
        <translation>Gallego</translation>
    </message>
    <message>
        <source>Gujarati</source>
        <translation>Guyaratí</translation>
    </message>
    <message>
        <source>Hausa</source>
        <translation>Hausa</translation>
    </message>
    <message>
        <source>Hebrew</source>
        <translation>Hebreo</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Hindi</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Croata</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Húngaro</translation>
    </message>
    <message>
        <source>Armenian</source>
        <translation>Armenio</translation>
    </message>
    <message>
        <source>Indonesian</source>
        <translation>Indonesio</translation>
    </message>
    <message>
        <source>Icelandic</source>
        <translation>Islandés</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Italiano</translation>
    </message>
    <message>
        <source>Italian (Italy)</source>
        <translation>Italiano (Italia)</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Japonés</translation>
    </message>
    <message>
        <source>Japanese (Japan)</source>
        <translation>Japonés (Japón)</translation>
    </message>
    <message>
        <source>Javanese</source>
        <translation>Javanés</translation>
    </message>
    <message>
        <source>Georgian</source>
        <translation>Georgiano</translation>
    </message>
    <message>
        <source>Kazakh</source>
        <translation>Kazajo</translation>
    </message>
    <message>
        <source>Khmer</source>
        <translation>Jemer</translation>
    </message>
    <message>
        <source>Kannada</source>
        <translation>Canarés</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Coreano</translation>
    </message>
    <message>
        <source>Korean (South Korea)</source>
        <translation>Coreano (Corea del Sur)</translation>
    </message>
    <message>
        <source>Lao</source>
        <translation>Lao</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Lituano</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Letón</translation>
    </message>
    <message>
        <source>Macedonian</source>
        <translation>Macedonio</translation>
    </message>
    <message>
        <source>Malayalam</source>
        <translation>Malayalam</translation>
    </message>
    <message>
        <source>Mongolian</source>
        <translation>Mongol</translation>
    </message>
    <message>
        <source>Marathi</source>
        <translation>Maratí</translation>
    </message>
    <message>
        <source>Malay</source>
        <translation>Malayo</translation>
    </message>
    <message>
        <source>Maltese</source>
        <translation>Maltés</translation>
    </message>
    <message>
        <source>Burmese</source>
        <translation>Birmano</translation>
    </message>
    <message>
        <source>Nepali</source>
        <translation>Nepalí</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Neerlandés</translation>
    </message>
    <message>
        <source>Norwegian</source>
        <translation>Noruego</translation>
    </message>
    <message>
        <source>Punjabi</source>
        <translation>Panyabí</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Polaco</translation>
    </message>
    <message>
        <source>Pashto</source>
        <translation>Pastún</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Portugués</translation>
    </message>
    <message>
        <source>Portuguese (Brazil)</source>
        <translation>Portugués (Brasil)</translation>
    </message>
    <message>
        <source>Portuguese (Portugal)</source>
        <translation>Portugués (Portugal)</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Rumano</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Ruso</translation>
    </message>
    <message>
        <source>Russian (Russia)</source>
        <translation>Ruso (Rusia)</translation>
    </message>
    <message>
        <source>Sinhala</source>
        <translation>Cingalés</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Eslovaco</translation>
    </message>
    <message>
        <source>Slovenian</source>
        <translation>Esloveno</translation>
    </message>
    <message>
        <source>Somali</source>
        <translation>Somalí</translation>
    </message>
    <message>
        <source>Albanian</source>
        <translation>Albanés</translation>
    </message>
    <message>
        <source>Serbian</source>
        <translation>Serbio</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Sueco</translation>
    </message>
    <message>
        <source>Swahili</source>
        <translation>Suajili</translation>
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
        <translation>Tailandés</translation>
    </message>
    <message>
        <source>Tagalog</source>
        <translation>Tagalo</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Turco</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ucraniano</translation>
    </message>
    <message>
        <source>Urdu</source>
        <translation>Urdu</translation>
    </message>
    <message>
        <source>Uzbek</source>
        <translation>Uzbeko</translation>
    </message>
    <message>
        <source>Vietnamese</source>
        <translation>Vietnamita</translation>
    </message>
    <message>
        <source>Yoruba</source>
        <translation>Yoruba</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Chino</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>Chino (simplificado)</translation>
    </message>
    <message>
        <source>Chinese (Hong Kong)</source>
        <translation>Chino (Hong Kong)</translation>
    </message>
    <message>
        <source>Chinese (Traditional)</source>
        <translation>Chino (tradicional)</translation>
    </message>
    <message>
        <source>Zulu</source>
        <translation>Zulú</translation>
    </message>
</context>
<context>
    <name>route</name>
    <message>
        <source>create it in Settings → Audio → Create virtual microphone (Dragoman keeps it while it runs)</source>
        <translation>créelo en Ajustes → Audio → Crear micrófono virtual (Dragoman lo mantiene mientras está en marcha)</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1” after %2 ms.</source>
        <translation>Ruta correcta: el tono llegó a «%1» tras %2 ms.</translation>
    </message>
    <message>
        <source>Route OK: the tone reached “%1”.</source>
        <translation>Ruta correcta: el tono llegó a «%1».</translation>
    </message>
    <message>
        <source>It arrived %1 dB quieter than it was played: check the volume of the virtual microphone and of Dragoman&apos;s call output.</source>
        <translation>Llegó %1 dB más bajo de lo que se reprodujo: compruebe el volumen del micrófono virtual y de la salida de llamada de Dragoman.</translation>
    </message>
    <message>
        <source>The virtual microphone is incomplete (%1 is missing)</source>
        <translation>El micrófono virtual está incompleto (falta %1)</translation>
    </message>
    <message>
        <source>There is no virtual microphone (“Dragoman Microphone”)</source>
        <translation>No hay micrófono virtual («Dragoman Microphone»)</translation>
    </message>
    <message>
        <source>%1: %2, then choose it as the call output, and pick “Dragoman Microphone” as the microphone in the call app.</source>
        <translation>%1: %2, después elíjalo como salida de llamada y seleccione «Dragoman Microphone» como micrófono en la aplicación de llamadas.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is off, so nothing reaches a call: choose “%1” as the call output in Settings → Audio, and pick “%1” as the microphone in the call app.</source>
        <translation>La salida de llamada de Dragoman está desactivada, así que nada llega a una llamada: elija «%1» como salida de llamada en Ajustes → Audio y «%1» como micrófono en la aplicación de llamadas.</translation>
    </message>
    <message>
        <source>Dragoman&apos;s call output is “%1”, not the virtual microphone, so a call app cannot hear the translation: choose “%2” as the call output in Settings → Audio, and pick “%2” as the microphone in the call app.</source>
        <translation>La salida de llamada de Dragoman es «%1», no el micrófono virtual, así que una aplicación de llamadas no puede oír la traducción: elija «%2» como salida de llamada en Ajustes → Audio y «%2» como micrófono en la aplicación de llamadas.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: %3.</source>
        <translation>El tono de prueba reproducido en «%1» no llegó a «%2»: %3.</translation>
    </message>
    <message>
        <source>The test tone played into “%1” did not reach “%2”: check that neither is muted or suspended in the system&apos;s sound settings (pavucontrol: Output Devices and Input Devices), then try again.</source>
        <translation>El tono de prueba reproducido en «%1» no llegó a «%2»: compruebe que ninguno esté silenciado o suspendido en los ajustes de sonido del sistema (pavucontrol: Dispositivos de salida y Dispositivos de entrada) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The route could not be tested: %1</source>
        <translation>No se pudo probar la ruta: %1</translation>
    </message>
</context>
<context>
    <name>theme</name>
    <message>
        <source>Same as the desktop</source>
        <translation>Igual que el escritorio</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
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
        <translation>%1 enviados</translation>
    </message>
    <message>
        <source>%1 sent · cost %2</source>
        <translation>%1 enviados · coste %2</translation>
    </message>
    <message>
        <source>The usage file %1 cannot be read, so the minutes of audio sent per day are unknown. Restore it from a backup, or delete it to start a new count.</source>
        <translation>No se puede leer el archivo de uso %1, así que se desconocen los minutos de audio enviados por día. Restáurelo desde una copia de seguridad o elimínelo para empezar una cuenta nueva.</translation>
    </message>
    <message>
        <source>Today: %1 — last %2 days: %3</source>
        <translation>Hoy: %1 — últimos %2 días: %3</translation>
    </message>
    <message>
        <source>%1 of %2 min</source>
        <translation>%1 de %2 min</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today</source>
        <translation>Audio enviado: %1 esta sesión · %2 hoy</translation>
    </message>
    <message>
        <source>Audio sent: %1 this session · %2 today · cost today %3</source>
        <translation>Audio enviado: %1 esta sesión · %2 hoy · coste de hoy %3</translation>
    </message>
</context>
</TS>
