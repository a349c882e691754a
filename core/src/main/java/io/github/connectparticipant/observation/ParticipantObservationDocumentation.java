package io.github.connectparticipant.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The library's observations and their keys. With Micrometer's meter handler (Spring
 * Boot's actuator) each becomes a timer of the same name, tagged with the low-cardinality
 * keys.
 */
public enum ParticipantObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call of a service method ({@code attachment.upload}, {@code transcript.page},
	 * {@code connection.create}, ...), its retries included.
	 */
	OPERATION {

		@Override
		public String getName() {
			return "connect.participant.operation";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultOperationObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	},

	/**
	 * One attempt of one call ({@code StartAttachmentUpload}, {@code UploadObject},
	 * {@code GetTranscript}, ...).
	 */
	ATTEMPT {

		@Override
		public String getName() {
			return "connect.participant.attempt";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAttemptObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of both observations.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The service method ({@code attachment.upload}) or the call
		 * ({@code StartAttachmentUpload}).
		 */
		OPERATION {

			@Override
			public String asString() {
				return "operation";
			}

		},

		/**
		 * {@code success}, {@code retry} (a failed attempt another one follows),
		 * {@code error}, or {@code unknown} while running.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		},

		/**
		 * The service's error code of a failure (such as {@code ThrottlingException}),
		 * else the exception's simple class name; {@code none} without a failure.
		 */
		ERROR_CODE {

			@Override
			public String asString() {
				return "error.code";
			}

		}

	}

	/**
	 * High-cardinality keys of {@link #ATTEMPT}.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/**
		 * The attempt's number, starting at 1.
		 */
		ATTEMPT {

			@Override
			public String asString() {
				return "attempt";
			}

		}

	}

}
